// Tokens of latex2sympy2_extended's LaTeX grammar (PS.g4), lexed by longest match as ANTLR does.

/// A token of the LaTeX answer grammar.
enum LaTeXToken: Hashable, Sendable {
  case number(String), percentNumber(String), eNotation(String)
  /// `E` on its own (a symbol), and `e` (Euler's number).
  case capitalE, eulerE
  case letter(String), differential(String), greek(String), otherSymbol(String)
  /// `\text{…}`, `\mathrm{…}`, `\overline{…}`, …: command name and raw content.
  case accent(String, String)
  case infinity, partial
  case add, sub, mul, div, colon, semicolon, comma, period, bang, caret, underscore
  case lParen, rParen, lBrace, rBrace, lBracket, rBracket, lBraceVisual, rBraceVisual, lParenVisual, rParenVisual
  case bar, norm, lVert, rVert, vert, lAngle, rAngle, lFloor, rFloor, lCeil, rCeil
  case frac, sqrt, boxed, phantom, binom, operatorName
  /// `\sin`, `\log`, … (name without backslash).
  case function(String)
  case plusMinus, union, intersection, setMinus, elementOf, notElementOf, subset, superset
  /// `=` and its look-alikes (ANTLR's ASSIGNMENT), `==`/`\equiv` (EQUAL), `\approx`.
  case assignment, equal, approx
  case relation(RelationKind)
  case degree, transpose
  case namedSet(String), emptySet
  /// A word the grammar reserves for `\operatorname{…}` (`rank`, `tr`, `norm`, …) or another token the
  /// parser does not support; reaching one makes the parse fail, as it does in latex2sympy.
  case unsupported(String)
}

/// Splits normalized LaTeX into ``LaTeXToken``s; nil when ANTLR's lexer would report an error.
enum LaTeXLexer {
  /// Literal tokens in grammar order (ties in length go to the earlier rule, as in ANTLR).
  static let literals: [(String, LaTeXToken)] = {
    var table: [(String, LaTeXToken)] = []
    for s in ["+", "∔", "⊕", "⊞"] { table.append((s, .add)) }
    for s in ["-", "−", "∸"] { table.append((s, .sub)) }
    for s in ["*", "×", "⋅", "⋄", "⊡", "∗", "⋆", "∘", "∙", "⊗", "⊠", "⋈", "⋉", "⋊"] { table.append((s, .mul)) }
    for s in ["/", "÷", "∕", "\\over"] { table.append((s, .div)) }
    table += [
      ("(", .lParen), (")", .rParen), ("\\(", .lParenVisual), ("\\)", .rParenVisual), ("\\lgroup", .lParen),
      ("\\rgroup", .rParen), ("{", .lBrace), ("}", .rBrace), ("\\{", .lBraceVisual), ("\\}", .rBraceVisual),
      ("\\lbrace", .lBraceVisual), ("\\rbrace", .rBraceVisual), ("[", .lBracket), ("]", .rBracket),
      ("\\lbrack", .lBracket), ("\\rbrack", .rBracket), ("\\phantom", .phantom), ("\\boxed", .boxed),
      ("|", .bar), ("\\lvert", .lVert), ("\\rvert", .rVert), ("\\vert", .vert), ("\\|", .norm),
      ("\\langle", .lAngle), ("\\rangle", .rAngle), ("\\lfloor", .lFloor), ("\\rfloor", .rFloor),
      ("\\llcorner", .lFloor), ("\\lrcorner", .rFloor), ("\\lceil", .lCeil), ("\\rceil", .rCeil),
      ("\\ulcorner", .lCeil), ("\\urcorner", .rCeil),
    ]
    for name in ["lim", "int", "sum", "prod", "to", "rightarrow", "Rightarrow", "longrightarrow", "Longrightarrow", "det"] {
      table.append(("\\" + name, .unsupported(name)))
    }
    for name in [
      "log", "ln", "exp", "sin", "cos", "tan", "csc", "sec", "cot", "arcsin", "arccos", "arctan", "arccsc", "arcsec",
      "arccot", "sinh", "cosh", "tanh", "arsinh", "arcosh", "artanh", "arcsinh", "arccosh", "arctanh",
    ] {
      table.append(("\\" + name, .function(name)))
    }
    table += [("\\Gamma", .greek("Gamma")), ("\\gamma", .greek("gamma"))]
    for name in [
      "arsinh", "arcsinh", "arcosh", "arccosh", "artanh", "arctanh", "gcd", "lcm", "floor", "ceil", "eye", "zeros",
      "ones", "cols", "rows", "diag", "norm", "rank", "trace", "tr", "rref", "hstack", "vstack", "orth", "ortho",
      "orthogonal", "orthogonalize", "nullspace", "eig", "eigen", "diagonalize", "eigenvals", "eigenvalues",
      "eigenvects", "eigenvectors", "svd", "SVD",
    ] {
      table.append((name, .unsupported(name)))
    }
    table += [("\\sqrt", .sqrt)]
    for name in ["gcd", "lcm", "floor", "ceil", "max", "min"] { table.append(("\\" + name, .unsupported(name))) }
    table += [("\\times", .mul), ("\\cdot", .mul), ("\\div", .div)]
    for s in ["\\frac", "\\dfrac", "\\tfrac", "\\cfrac"] { table.append((s, .frac)) }
    for s in ["\\binom", "\\tbinom", "\\dbinom"] { table.append((s, .binom)) }
    table += [("\\choose", .unsupported("choose")), ("\\mod", .unsupported("mod")), ("\\operatorname", .operatorName)]
    for s in ["matrix", "pmatrix", "bmatrix", "vmatrix", "&", "\\\\", "\\xrightarrow", "\\xRightarrow", "<->", "<=>", "\\leftrightarrow", "\\Leftrightarrow"] {
      table.append((s, .unsupported(s)))
    }
    table += [("_", .underscore), ("^", .caret), (":", .colon), (";", .semicolon), (",", .comma), (".", .period)]
    table += [("\\exponentialE", .eulerE), ("\\in", .elementOf)]
    for s in ["=", "≡", "≣", "≟", "≎", "≏", "≐", "≑", "≒", "≓", "≔", "≕", "≖", "≗"] { table.append((s, .assignment)) }
    table += [("==", .equal), ("\\equiv", .equal)]
    for s in ["~=", "≈", "≊", "≋", "≃", "≅", "\\approx"] { table.append((s, .approx)) }
    for s in ["<", "≪", "≺", "⋖", "\\lt"] { table.append((s, .relation(.less))) }
    for s in ["\\leq", "\\le", "\\leqslant", "≤", "≦", "≲", "≾", "<="] { table.append((s, .relation(.lessEqual))) }
    for s in [">", "≫", "≻", "⋗", "\\gt"] { table.append((s, .relation(.greater))) }
    for s in ["\\geq", "\\ge", "\\geqslant", "≥", "≧", "≳", "≿", ">="] { table.append((s, .relation(.greaterEqual))) }
    for s in ["!=", "!==", "\\ne", "\\neq", "\\not\\equiv", "≠", "≁", "≄", "≇", "≉", "≢"] { table.append((s, .relation(.notEqual))) }
    table.append(("!", .bang))
    table += [
      ("\\partial", .partial), ("\\infty", .infinity), ("\\$\\infty", .infinity), ("\\infty\\%", .infinity),
      ("\\infty%", .infinity),
    ]
    for (s, name) in [("\\mathbb{N}", "N"), ("ℕ", "N"), ("\\mathbb{Z}", "Z"), ("ℤ", "Z"), ("\\mathbb{Q}", "Q"), ("ℚ", "Q"),
      ("\\mathbb{R}", "R"), ("ℝ", "R"), ("\\mathbb{C}", "C"), ("ℂ", "C"), ("\\mathbb{P}", "P"), ("ℙ", "P")] {
      table.append((s, .namedSet(name)))
    }
    for s in ["\\cup", "∪"] { table.append((s, .union)) }
    for s in ["\\cap", "∩"] { table.append((s, .intersection)) }
    for s in ["\\setminus", "∖"] { table.append((s, .setMinus)) }
    for s in ["\\pm", "±", "∓", "\\mp"] { table.append((s, .plusMinus)) }
    for s in ["\\emptyset", "∅", "\\{\\}", "\\lbrace\\rbrace"] { table.append((s, .emptySet)) }
    for s in ["\\supseteq", "⊇"] { table.append((s, .superset)) }
    for s in ["\\subseteq", "⊆"] { table.append((s, .subset)) }
    for s in ["\\notin", "∉"] { table.append((s, .notElementOf)) }
    for s in ["^\\circ", "^\\degree", "^\\circle", "^°", "^{\\circ}", "^{\\degree}", "^{\\circle}", "^{°}"] {
      table.append((s, .degree))
    }
    for s in ["^T", "^{T}", "^{\\top}", "'"] { table.append((s, .transpose)) }
    return table
  }()

  static let literalScalars: [(Scalars, LaTeXToken)] = literals.map { (Scalars(text: $0.0), $0.1) }

  /// Characters and commands ANTLR skips.
  static let skipped = [
    "\\,", "\\thinspace", "\\:", "\\medspace", "\\;", "\\thickspace", "\\quad", "\\qquad", "\\!", "\\negthinspace",
    "\\negmedspace", "\\negthickspace", "\\$", "\\vrule", "\\vcenter", "\\vbox", "\\vskip", "\\vspace", "\\hfil",
  ].map { Scalars(text: $0) }

  static let greekNames: [String: String] = [
    "alpha": "alpha", "beta": "beta", "gamma": "gamma", "Gamma": "Gamma", "delta": "delta", "Delta": "Delta",
    "epsilon": "epsilon", "varepsilon": "varepsilon", "zeta": "zeta", "eta": "eta", "theta": "theta", "Theta": "Theta",
    "vartheta": "vartheta", "iota": "iota", "kappa": "kappa", "lambda": "lambda", "Lambda": "Lambda", "mu": "mu",
    "nu": "nu", "xi": "xi", "Xi": "Xi", "omicron": "omicron", "pi": "pi", "Pi": "Pi", "varpi": "varpi", "rho": "rho",
    "varrho": "varrho", "sigma": "sigma", "Sigma": "Sigma", "varsigma": "varsigma", "tau": "tau", "upsilon": "upsilon",
    "Upsilon": "Upsilon", "phi": "phi", "Phi": "Phi", "varphi": "varphi", "chi": "chi", "psi": "psi", "Psi": "Psi",
    "omega": "omega", "Omega": "Omega",
  ]
  static let greekLetters: [Unicode.Scalar: String] = [
    "α": "alpha", "β": "beta", "γ": "gamma", "Γ": "Gamma", "δ": "delta", "Δ": "Delta", "ε": "epsilon",
    "ϵ": "varepsilon", "ζ": "zeta", "η": "eta", "θ": "theta", "Θ": "Theta", "ϑ": "vartheta", "ι": "iota",
    "κ": "kappa", "λ": "lambda", "Λ": "Lambda", "μ": "mu", "ν": "nu", "ξ": "xi", "Ξ": "Xi", "ο": "omicron",
    "π": "pi", "Π": "Pi", "ϖ": "varpi", "ρ": "rho", "ϱ": "varrho", "σ": "sigma", "Σ": "Sigma", "ς": "varsigma",
    "τ": "tau", "υ": "upsilon", "Υ": "Upsilon", "φ": "phi", "Φ": "Phi", "ϕ": "varphi", "χ": "chi", "ψ": "psi",
    "Ψ": "Psi", "ω": "omega", "Ω": "Omega",
  ]
  static let otherSymbols: Set<String> = [
    "Bbbk", "wp", "nabla", "bigstar", "angle", "nexists", "diagdown", "measuredangle", "eth", "diagup",
    "sphericalangle", "clubsuit", "varnothing", "Diamond", "complement", "diamondsuit", "imath", "Finv",
    "triangledown", "heartsuit", "jmath", "Game", "triangle", "spadesuit", "ell", "hbar", "vartriangle", "hslash",
    "blacklozenge", "lozenge", "blacksquare", "mho", "blacktriangle", "sharp", "prime", "Im", "flat", "square",
    "backprime", "Re", "natural", "surd", "circledS",
  ]
  static let accentCommands: Set<String> = [
    "acute", "bar", "overline", "breve", "check", "widecheck", "dot", "ddot", "grave", "hat", "tilde", "widetilde",
    "vec", "overrightarrow", "bm", "boldsymbol", "text", "textit", "textbf", "textnormal", "mathbb", "mathbin",
    "mathbf", "mathcal", "mathclap", "mathclose", "mathellipsis", "mathfrak", "mathinner", "mathit", "mathnormal",
    "mathop", "mathopen", "mathord", "mathpunct", "mathrel", "mathring", "mathrlap", "mathrm", "mathscr", "mathsf",
    "mathsterling", "mathtt", "mbox",
  ]

  /// The tokens of `text` with their source text, or nil on a lexer error. Input longer than
  /// `maximumLength` is rejected, which bounds the parser's work on junk.
  static func tokenize(_ text: Scalars, maximumLength: Int = 4096) -> [(token: LaTeXToken, text: String)]? {
    guard text.count <= maximumLength else { return nil }
    var tokens: [(token: LaTeXToken, text: String)] = []
    var index = 0
    while index < text.count {
      if text[index] == " " || text[index] == "\t" || text[index] == "\r" || text[index] == "\n" {
        index += 1
        continue
      }
      if text[index] == "\\", let skip = skipped.filter({ text.hasScalars($0, at: index) }).map(\.count).max(),
        longestToken(text, at: index).map({ $0.length <= skip }) ?? true
      {
        index += skip
        continue
      }
      guard let (length, token) = longestToken(text, at: index) else { return nil }
      tokens.append((token, Array(text[index..<(index + length)]).string))
      index += length
    }
    return tokens
  }

  /// The longest token at `index` (earlier rules win ties).
  static func longestToken(_ text: Scalars, at index: Int) -> (length: Int, token: LaTeXToken)? {
    var best: (length: Int, token: LaTeXToken)?
    func offer(_ length: Int, _ token: LaTeXToken) {
      if length > (best?.length ?? 0) { best = (length, token) }
    }
    if let number = numberToken(text, at: index) { offer(number.length, number.token) }
    for (literal, token) in literalScalars where text[index] == literal[0] && text.hasScalars(literal, at: index) {
      offer(literal.count, token)
    }
    let scalar = text[index]
    if scalar.isASCIILetter {
      if scalar == "e" { offer(1, .eulerE) } else if scalar == "E" { offer(1, .capitalE) } else { offer(1, .letter(String(scalar))) }
      if scalar == "d", let differential = differentialToken(text, at: index) { offer(differential.length, differential.token) }
    }
    if let name = greekLetters[scalar] { offer(text.at(index + 1) == " " ? 2 : 1, .greek(name)) }
    for unicodeLetter in ["ℵ", "ℶ", "ℷ", "ℸ"] as [Unicode.Scalar] where scalar == unicodeLetter {
      offer(text.at(index + 1) == " " ? 2 : 1, .otherSymbol(String(scalar)))
    }
    if scalar == "\\" {
      var end = index + 1
      while end < text.count && text[end].isASCIILetter { end += 1 }
      let name = Array(text[(index + 1)..<end]).string
      if let greek = greekNames[name] { offer(end - index + (text.at(end) == " " ? 1 : 0), .greek(greek)) }
      if otherSymbols.contains(name) { offer(end - index + (text.at(end) == " " ? 1 : 0), .otherSymbol(name)) }
      if accentCommands.contains(name), let accent = accentToken(text, commandEnd: end, name: name, start: index) {
        offer(accent.length, accent.token)
      }
    }
    return best
  }

  /// NUMBER, PERCENT_NUMBER (`25\%`, `25 %`) and E_NOTATION (`1.5E3`).
  static func numberToken(_ text: Scalars, at index: Int) -> (length: Int, token: LaTeXToken)? {
    var end = index
    while end < text.count && text[end].isASCIIDigit { end += 1 }
    if text.at(end) == ".", let next = text.at(end + 1), next.isASCIIDigit {
      end += 1
      while end < text.count && text[end].isASCIIDigit { end += 1 }
    }
    guard end > index, text[end - 1].isASCIIDigit else { return nil }
    let number = Array(text[index..<end]).string
    var percentEnd = end
    if let s = text.at(percentEnd), s == " " || s == "\t" || s == "\r" || s == "\n" { percentEnd += 1 }
    if text.hasLiteral("\\%", at: percentEnd) { return (percentEnd + 2 - index, .percentNumber(number)) }
    if text.at(percentEnd) == "%" { return (percentEnd + 1 - index, .percentNumber(number)) }
    if text.at(end) == "E" {
      var exponent = end + 1
      if text.at(exponent) == "+" || text.at(exponent) == "-" { exponent += 1 }
      let digitsStart = exponent
      while exponent < text.count && text[exponent].isASCIIDigit { exponent += 1 }
      if exponent > digitsStart { return (exponent - index, .eNotation(Array(text[index..<exponent]).string)) }
    }
    return (end - index, .number(number))
  }

  /// DIFFERENTIAL: `d` then (lazily) whitespace and a letter or a command (`dx`, `d\theta`).
  static func differentialToken(_ text: Scalars, at index: Int) -> (length: Int, token: LaTeXToken)? {
    let start = text.skippingSpaces(from: index + 1)
    guard let first = text.at(start) else { return nil }
    if first.isASCIILetter { return (start + 1 - index, .differential(String(first))) }
    guard first == "\\" else { return nil }
    var end = start + 1
    while end < text.count && text[end].isASCIILetter { end += 1 }
    guard end > start + 1 else { return nil }
    return (end - index, .differential(Array(text[start..<end]).string))
  }

  /// ACCENT: command, an optional whitespace character, `{`, content up to the first `}`.
  static func accentToken(_ text: Scalars, commandEnd: Int, name: String, start: Int) -> (length: Int, token: LaTeXToken)? {
    var open = commandEnd
    if let s = text.at(open), s == " " || s == "\t" || s == "\r" || s == "\n" { open += 1 }
    guard text.at(open) == "{" else { return nil }
    var close = open + 1
    while close < text.count && text[close] != "}" { close += 1 }
    guard close < text.count else { return nil }
    return (close + 1 - start, .accent(name, Array(text[(open + 1)..<close]).string))
  }
}
