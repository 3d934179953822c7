// NFC and NFD exactly as `tokenizers` computes them, with its Unicode 9.0 tables.
import Foundation
import Synchronization

/// Canonical normalization (NFC or NFD) that reproduces `tokenizers` bit for bit.
///
/// `tokenizers` normalizes with the `unicode-normalization-alignments` crate, whose tables are
/// Unicode 9.0: it gives scalars assigned later combining class 0, no decomposition and no
/// composition, so for example U+1DF6 (Unicode 10) is not reordered before U+0301 and Dives
/// Akuru (Unicode 13) vowel signs are not composed. This type applies the same cut-off.
///
/// Why not `precomposedStringWithCanonicalMapping`? On Linux it is wrong for some inputs
/// (it composes U+10041 + U+0301 into `Á`, dropping the high bits of the plane), and the
/// standard library's own NFC misorders a few Tibetan sequences. So the algorithm (decompose,
/// order by combining class, compose unblocked pairs) is written here, and only two
/// single-item facts come from the platform, each checked before use and cached: the full
/// canonical decomposition of one scalar (Foundation) and whether a pair has a primary
/// composite (`String._nfcCodeUnits`, public but underscored; the composite is accepted only if
/// it decomposes back to exactly the pair).
final class UnicodeNormalizer: Sendable {
  /// The normalization forms `tokenizers` files use that rlnb implements.
  enum Form: String, Sendable {
    case nfc = "NFC", nfd = "NFD"
  }

  /// The form this normalizer produces.
  let form: Form

  private struct Caches {
    var decompositions: [UInt32: [Unicode.Scalar]] = [:]
    var compositions: [UInt64: UInt32] = [:]  // 0 = no composite
  }
  private let caches = Mutex(Caches())

  /// A normalizer for `form`.
  init(form: Form) {
    self.form = form
  }

  /// The normalized form of `scalars`.
  func normalize(_ scalars: [Unicode.Scalar]) -> [Unicode.Scalar] {
    // Below U+00C0 nothing decomposes; below U+0300 nothing has a combining class and nothing
    // is the second half of a composition, so such text is already in NFC.
    let threshold: UInt32 = form == .nfc ? 0x300 : 0xC0
    guard scalars.contains(where: { $0.value >= threshold }) else { return scalars }
    return caches.withLock { caches in
      var decomposed = decompose(scalars, caches: &caches)
      orderCanonically(&decomposed)
      return form == .nfc ? compose(decomposed, caches: &caches) : decomposed
    }
  }

  // MARK: - Unicode 9.0 data

  /// True when `scalar` was assigned in Unicode 9.0 or earlier.
  static func isKnown(_ scalar: Unicode.Scalar) -> Bool {
    guard let age = scalar.properties.age else { return false }
    return age.major < 9 || (age.major == 9 && age.minor == 0)
  }

  /// The canonical combining class, 0 for scalars newer than Unicode 9.0.
  static func combiningClass(_ scalar: Unicode.Scalar) -> UInt8 {
    guard scalar.value >= 0x300, isKnown(scalar) else { return 0 }
    return scalar.properties.canonicalCombiningClass.rawValue
  }

  private func decomposition(of scalar: Unicode.Scalar, caches: inout Caches) -> [Unicode.Scalar] {
    if scalar.value < 0xC0 { return [scalar] }
    if let cached = caches.decompositions[scalar.value] { return cached }
    var result = [scalar]
    if Self.isKnown(scalar) {
      result = Array(String(scalar).decomposedStringWithCanonicalMapping.unicodeScalars)
    }
    caches.decompositions[scalar.value] = result
    return result
  }

  private func composite(_ first: Unicode.Scalar, _ second: Unicode.Scalar,
                         caches: inout Caches) -> Unicode.Scalar?
  {
    let key = UInt64(first.value) << 32 | UInt64(second.value)
    if let cached = caches.compositions[key] { return cached == 0 ? nil : Unicode.Scalar(cached) }
    var found: UInt32 = 0
    if Self.isKnown(first), Self.isKnown(second) {
      var pair = String.UnicodeScalarView()
      pair.append(first)
      pair.append(second)
      let composed = String(decoding: String(pair)._nfcCodeUnits, as: UTF8.self).unicodeScalars
      if composed.count == 1, let candidate = composed.first, Self.isKnown(candidate),
        decomposition(of: candidate, caches: &caches)
          == decomposition(of: first, caches: &caches) + [second]
      {
        found = candidate.value
      }
    }
    caches.compositions[key] = found
    return found == 0 ? nil : Unicode.Scalar(found)
  }

  // MARK: - The algorithm (Unicode Standard Annex #15)

  private func decompose(_ scalars: [Unicode.Scalar], caches: inout Caches) -> [Unicode.Scalar] {
    var output: [Unicode.Scalar] = []
    output.reserveCapacity(scalars.count)
    for scalar in scalars {
      output.append(contentsOf: decomposition(of: scalar, caches: &caches))
    }
    return output
  }

  /// Sorts every run of non-starters by combining class, keeping equal classes in order.
  private func orderCanonically(_ scalars: inout [Unicode.Scalar]) {
    var index = 0
    while index < scalars.count {
      guard Self.combiningClass(scalars[index]) != 0 else {
        index += 1
        continue
      }
      var end = index + 1
      while end < scalars.count, Self.combiningClass(scalars[end]) != 0 { end += 1 }
      if end - index > 1 {
        // Insertion sort is stable, and runs of combining marks are short.
        for i in (index + 1)..<end {
          let item = scalars[i]
          let itemClass = Self.combiningClass(item)
          var j = i
          while j > index, Self.combiningClass(scalars[j - 1]) > itemClass {
            scalars[j] = scalars[j - 1]
            j -= 1
          }
          scalars[j] = item
        }
      }
      index = end
    }
  }

  /// Composes each scalar with the last starter when nothing between blocks it.
  private func compose(_ scalars: [Unicode.Scalar], caches: inout Caches) -> [Unicode.Scalar] {
    var output: [Unicode.Scalar] = []
    output.reserveCapacity(scalars.count)
    var starter = -1  // index in `output` of the last starter
    var lastClass = -1  // class of the last scalar kept after it; -1 when adjacent
    for scalar in scalars {
      let scalarClass = Int(Self.combiningClass(scalar))
      if starter >= 0, lastClass < scalarClass || lastClass == -1,
        let composed = composite(output[starter], scalar, caches: &caches)
      {
        output[starter] = composed
        continue
      }
      if scalarClass == 0 {
        starter = output.count
        lastClass = -1
      } else if starter >= 0 {
        lastClass = scalarClass
      }
      output.append(scalar)
    }
    return output
  }
}
