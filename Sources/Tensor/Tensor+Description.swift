// Tensor+Description: printing like PyTorch — aligned columns, abbreviated large tensors.
import Foundation

/// Formats tensor values the way PyTorch prints them: integral floats as `1.`, otherwise four
/// decimals or scientific notation for wide ranges, aligned in columns, with `...` standing for
/// the middle of dimensions when the tensor has more than `threshold` elements.
struct TensorFormatter {
  /// Tensors with more elements than this are abbreviated.
  static let threshold = 1000
  /// How many leading and trailing entries of each dimension an abbreviated tensor shows.
  static let edgeItems = 3
  /// The line width long rows wrap at.
  static let lineWidth = 80

  let shape: [Int]
  let values: [Double]
  let integers: Bool

  /// Renders `prefix(` + nested rows + `)` with continuation lines indented under the prefix.
  func render(prefix: String, suffix: String) -> String {
    let summarize = values.count > Self.threshold
    let shown = shownValues(summarize: summarize)
    let format = numberFormat(shown)
    // Like PyTorch, columns align on the finite values; nan and inf print unpadded.
    let width = shown.filter { $0.isFinite }.map { format($0).count }.max() ?? 1
    if shape.isEmpty {
      return "\(prefix)(\(values.first.map(format) ?? "")\(suffix))"
    }
    let indent = String(repeating: " ", count: prefix.count + 1)
    let body = block(axis: 0, offset: 0, indent: indent + " ", summarize: summarize, width: width, format: format)
    return "\(prefix)(\(body)\(suffix))"
  }

  private var strides: [Int] { Layout.contiguousStrides(for: shape) }

  /// The indices along an axis that are printed (all, or the edges around an ellipsis).
  private func shownIndices(_ extent: Int, summarize: Bool) -> [Int?] {
    if !summarize || extent <= 2 * Self.edgeItems { return (0..<extent).map { $0 } }
    return (0..<Self.edgeItems).map { $0 } + [nil] + ((extent - Self.edgeItems)..<extent).map { $0 }
  }

  private func shownValues(summarize: Bool) -> [Double] {
    guard summarize else { return values }
    var result: [Double] = []
    func visit(_ axis: Int, _ offset: Int) {
      if axis == shape.count {
        result.append(values[offset])
        return
      }
      for index in shownIndices(shape[axis], summarize: true) {
        if let index { visit(axis + 1, offset + index * strides[axis]) }
      }
    }
    visit(0, 0)
    return result
  }

  private func block(axis: Int, offset: Int, indent: String, summarize: Bool, width: Int, format: (Double) -> String) -> String {
    let indices = shownIndices(shape[axis], summarize: summarize)
    if axis == shape.count - 1 {
      let items = indices.map { index -> String in
        guard let index else { return " ..." }
        let text = format(values[offset + index])
        return String(repeating: " ", count: max(0, width - text.count)) + text
      }
      return "[" + wrap(items, indent: indent) + "]"
    }
    let separator = "," + String(repeating: "\n", count: shape.count - axis - 1) + indent
    let parts = indices.map { index -> String in
      guard let index else { return "..." }
      return block(axis: axis + 1, offset: offset + index * strides[axis], indent: indent + " ",
                   summarize: summarize, width: width, format: format)
    }
    return "[" + parts.joined(separator: separator) + "]"
  }

  private func wrap(_ items: [String], indent: String) -> String {
    var lines: [String] = []
    var line = ""
    for item in items {
      let candidate = line.isEmpty ? item : line + ", " + item
      if !line.isEmpty && indent.count + candidate.count > Self.lineWidth {
        lines.append(line + ",")
        line = item
      } else {
        line = candidate
      }
    }
    lines.append(line)
    return lines.joined(separator: "\n" + indent)
  }

  private func numberFormat(_ shown: [Double]) -> (Double) -> String {
    if integers { return { String(Int($0)) } }
    let finite = shown.filter { $0.isFinite }
    func special(_ v: Double) -> String? {
      if v.isNaN { return "nan" }
      if v.isInfinite { return v > 0 ? "inf" : "-inf" }
      return nil
    }
    if finite.allSatisfy({ $0 == $0.rounded() && Swift.abs($0) < 1e8 }) {
      return { special($0) ?? String(format: "%.0f.", $0) }
    }
    let magnitudes = finite.map { Swift.abs($0) }.filter { $0 > 0 }
    let largest = magnitudes.max() ?? 0, smallest = magnitudes.min() ?? 0
    if largest >= 1e8 || smallest < 1e-4 || (smallest > 0 && largest / smallest > 1000) {
      return { special($0) ?? String(format: "%.4e", $0) }
    }
    return { special($0) ?? String(format: "%.4f", $0) }
  }
}

extension Tensor: CustomStringConvertible {
  /// PyTorch-style text: `tensor([[1., 2.],\n        [3., 4.]])`, abbreviated past 1000
  /// elements (then with the shape), and the autograd state when there is one.
  public var description: String {
    var suffix = ""
    if count > TensorFormatter.threshold || count == 0 { suffix += ", shape=\(shapeText(shape))" }
    if let name = node?.name {
      suffix += ", grad_fn=<\(name)>"
    } else if requiresGrad {
      suffix += ", requires_grad=true"
    }
    let formatter = TensorFormatter(shape: shape, values: scalars.map(Double.init), integers: false)
    return formatter.render(prefix: "tensor", suffix: suffix)
  }
}

extension IntTensor: CustomStringConvertible {
  /// PyTorch-style text with `dtype=int32`.
  public var description: String {
    var suffix = ", dtype=int32"
    if count > TensorFormatter.threshold || count == 0 { suffix = ", shape=\(shapeText(shape))" + suffix }
    return TensorFormatter(shape: shape, values: scalars.map(Double.init), integers: true).render(prefix: "tensor", suffix: suffix)
  }
}
