// GnuplotSyntax: spelling Swift values as gnuplot literals (strings, numbers, data lines).

/// `text` as a single-quoted gnuplot string, for file names: nothing inside is interpreted
/// except `''`, which stands for one quote.
func gnuplotQuoted(_ text: String) -> String {
  "'" + text.replacingOccurrences(of: "'", with: "''") + "'"
}

/// `text` as a double-quoted gnuplot string, for titles and labels: backslashes and quotes are
/// escaped, newlines become `\n` (gnuplot breaks the label there) and other control characters
/// are dropped, so no label can end the string or the command early.
func gnuplotLabel(_ text: String) -> String {
  var result = "\""
  for scalar in text.unicodeScalars {
    switch scalar {
    case "\\": result += "\\\\"
    case "\"": result += "\\\""
    case "\n": result += "\\n"
    case "\t": result += " "
    default:
      if scalar.value < 0x20 || scalar.value == 0x7f { continue }
      result.unicodeScalars.append(scalar)
    }
  }
  return result + "\""
}

/// A category name as a quoted field of a datablock line. gnuplot's data parser has no escape
/// for a quote inside a quoted field, so double quotes become single ones and line breaks spaces.
func gnuplotDataField(_ text: String) -> String {
  var cleaned = ""
  for scalar in text.unicodeScalars {
    switch scalar {
    case "\"": cleaned += "'"
    case "\n", "\r", "\t": cleaned += " "
    default:
      if scalar.value >= 0x20 && scalar.value != 0x7f { cleaned.unicodeScalars.append(scalar) }
    }
  }
  return "\"" + cleaned + "\""
}

/// `value` as gnuplot reads it back exactly: Swift's shortest round-trip form (`0.1`, `1e-05`),
/// and `NaN` for every non-finite value, which gnuplot treats as a missing point.
func gnuplotNumber(_ value: Double) -> String {
  guard value.isFinite else { return "NaN" }
  if value == value.rounded() && abs(value) < 1e15 { return String(Int64(value)) }
  return value.description
}

/// An axis range bound: a number, or `*` for "let gnuplot choose".
func gnuplotBound(_ value: Double?) -> String {
  guard let value, value.isFinite else { return "*" }
  return gnuplotNumber(value)
}
