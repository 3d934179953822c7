// ImageError: what can go wrong loading, converting, resizing and preprocessing images.

/// An error from image loading or preprocessing. Each case names the file, operation or
/// setting at fault, and `description` renders it as one lowercase message (plus a hint line
/// for file errors).
public enum ImageError: Error, Equatable, Sendable, CustomStringConvertible {
  /// A file could not be read: it is missing, a directory, or unreadable.
  case unreadableFile(path: String, reason: String)
  /// A file could not be written.
  case unwritableFile(path: String, reason: String)
  /// The bytes from `source` (a path, or `<memory>`) are not a PNG that can be decoded:
  /// bad signature, corrupt or truncated data. `reason` is libpng's or Pillow's complaint.
  case invalidPNG(source: String, reason: String)
  /// A pixel buffer's length does not match `width`·`height`·`channels`.
  case pixelCountMismatch(width: Int, height: Int, channels: Int, count: Int)
  /// A width or height given to `operation` is out of range (zero, negative or too large).
  case invalidSize(operation: String, width: Int, height: Int, reason: String)
  /// `operation` needs an RGB image; composite RGBA images onto white first.
  case alphaNotSupported(operation: String)
  /// `smart_resize` refuses images whose longer side is more than 200 times the shorter.
  case aspectRatioTooLarge(height: Int, width: Int)
  /// A preprocessor config (from `source`) is not valid JSON or not a JSON object.
  case invalidConfig(source: String, reason: String)
  /// The config field `field` (JSON key) has the wrong type or an unusable value.
  case invalidConfigField(source: String, field: String, reason: String)

  /// The message shown to users, e.g. `cannot read image file 'a.png': no such file`.
  public var description: String {
    switch self {
    case .unreadableFile(let path, let reason):
      return "cannot read '\(path)': \(reason)\n---> HINT: relative paths are resolved against the current directory"
    case .unwritableFile(let path, let reason):
      return "cannot write '\(path)': \(reason)"
    case .invalidPNG(let source, let reason):
      return "cannot decode PNG '\(source)': \(reason)\n---> HINT: the file is corrupt, truncated or not a PNG"
    case .pixelCountMismatch(let width, let height, let channels, let count):
      return "pixel buffer size mismatch: \(width)x\(height) pixels of \(channels) bytes, got \(count) bytes"
    case .invalidSize(let operation, let width, let height, let reason):
      return "invalid size \(width)x\(height) for \(operation): \(reason)"
    case .alphaNotSupported(let operation):
      return "\(operation) needs an RGB image, got RGBA (composite it onto white first)"
    case .aspectRatioTooLarge(let height, let width):
      let ratio = Double(max(height, width)) / Double(min(height, width))
      return "image aspect ratio must be smaller than 200, got \(ratio) (height \(height), width \(width))"
    case .invalidConfig(let source, let reason):
      return "invalid preprocessor config '\(source)': \(reason)"
    case .invalidConfigField(let source, let field, let reason):
      return "invalid preprocessor config '\(source)': field '\(field)' \(reason)"
    }
  }
}
