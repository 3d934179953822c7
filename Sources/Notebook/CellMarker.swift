// CellMarker: the `# %% Title [markdown] tags=["parameters"]` line that starts a cell.

/// A parsed cell marker line, following jupytext's percent format:
/// `# %% Optional title [cell type] key="value"`.
///
/// The cell type is `[markdown]` or `[md]` (omitted for code); metadata is `key=value` pairs
/// at the end of the line, of which rlnb reads `tags=[...]`.
struct CellMarker: Equatable {
  var kind: Cell.Kind
  var title: String
  var tags: [String]

  /// Parses `line` when it is a marker (`# %%` or `#%%`, then nothing or a space); nil otherwise.
  init?(_ line: Substring) {
    guard line.hasPrefix("#") else { return nil }
    var rest = line.dropFirst().drop { $0 == " " || $0 == "\t" }
    guard rest.hasPrefix("%%") else { return nil }
    rest = rest.dropFirst(2)
    guard rest.isEmpty || rest.first == " " || rest.first == "\t" else { return nil }

    var header = String(rest).trimmingSpaces()
    var kind = Cell.Kind.code
    for type in ["[markdown]", "[md]"] {
      if let range = header.range(of: type) {
        kind = .markdown
        header.removeSubrange(range)
        break
      }
    }
    let (title, metadata) = CellMarker.splitMetadata(header)
    self.kind = kind
    self.title = title.split(whereSeparator: { $0 == " " || $0 == "\t" }).joined(separator: " ")
    self.tags = metadata.map(CellMarker.tags(in:)) ?? []
  }

  /// Splits the header at its first `key=` token: the title before it, the metadata after it.
  private static func splitMetadata(_ header: String) -> (String, String?) {
    var index = header.startIndex
    while index < header.endIndex {
      let atTokenStart = index == header.startIndex || header[header.index(before: index)] == " "
      if atTokenStart, let equals = header[index...].firstIndex(where: { !isKeyCharacter($0) }),
        equals > index, header[equals] == "=", header[index].isLetter || header[index] == "_"
      {
        return (String(header[..<index]).trimmingSpaces(), String(header[index...]))
      }
      index = header.index(after: index)
    }
    return (header, nil)
  }

  private static func isKeyCharacter(_ character: Character) -> Bool {
    character.isLetter || character.isNumber || character == "_" || character == "." || character == "-"
  }

  /// The quoted strings of the `tags=[...]` entry of `metadata`.
  private static func tags(in metadata: String) -> [String] {
    guard let start = metadata.range(of: "tags=") else { return [] }
    let value = metadata[start.upperBound...]
    guard value.first == "[", let close = value.firstIndex(of: "]") else { return [] }
    var tags: [String] = []
    var current: String?
    var quote: Character = "\""
    for character in value[value.index(after: value.startIndex)..<close] {
      if var text = current {
        if character == quote {
          tags.append(text)
          current = nil
        } else {
          text.append(character)
          current = text
        }
      } else if character == "\"" || character == "'" {
        quote = character
        current = ""
      }
    }
    return tags
  }
}

extension String {
  /// The string without leading and trailing spaces and tabs.
  func trimmingSpaces() -> String {
    let isSpace: (Character) -> Bool = { $0 == " " || $0 == "\t" }
    guard let first = firstIndex(where: { !isSpace($0) }), let last = lastIndex(where: { !isSpace($0) }) else { return "" }
    return String(self[first...last])
  }
}
