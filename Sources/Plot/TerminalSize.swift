// TerminalSize: the size of the user's terminal in cells (and pixels), for sizing inline plots.
#if canImport(Glibc)
  import Glibc
#elseif canImport(Musl)
  import Musl
#endif

/// The size of a character terminal, in cells and, when the terminal reports it, in pixels.
public struct TerminalSize: Equatable, Sendable {
  /// Width in character cells.
  public var columns: Int
  /// Height in character cells.
  public var rows: Int
  /// Width in pixels, when the terminal reports it (sixel terminals usually do).
  public var pixelWidth: Int?
  /// Height in pixels, when the terminal reports it.
  public var pixelHeight: Int?

  /// Creates a size; the pixel size is optional.
  public init(columns: Int, rows: Int, pixelWidth: Int? = nil, pixelHeight: Int? = nil) {
    self.columns = columns
    self.rows = rows
    self.pixelWidth = pixelWidth
    self.pixelHeight = pixelHeight
  }

  /// The size of the terminal on `fileDescriptor` (TIOCGWINSZ), else `COLUMNS` and `LINES`
  /// from `environment`, else 80 × 24.
  public static func current(fileDescriptor: Int32 = 1, environment: [String: String]) -> TerminalSize {
    var size = winsize()
    if ioctl(fileDescriptor, UInt(TIOCGWINSZ), &size) == 0, size.ws_col > 0, size.ws_row > 0 {
      return TerminalSize(
        columns: Int(size.ws_col), rows: Int(size.ws_row),
        pixelWidth: size.ws_xpixel > 0 ? Int(size.ws_xpixel) : nil,
        pixelHeight: size.ws_ypixel > 0 ? Int(size.ws_ypixel) : nil)
    }
    return fromEnvironment(environment)
  }

  /// `COLUMNS` × `LINES` from `environment`, each defaulting to 80 × 24 when unset or invalid.
  public static func fromEnvironment(_ environment: [String: String]) -> TerminalSize {
    let columns = environment["COLUMNS"].flatMap(Int.init).flatMap { $0 > 0 ? $0 : nil } ?? 80
    let rows = environment["LINES"].flatMap(Int.init).flatMap { $0 > 0 ? $0 : nil } ?? 24
    return TerminalSize(columns: columns, rows: rows)
  }

  /// How many text rows an image `height` pixels tall covers, when the pixel size is known.
  public func rowsCovered(byPixelHeight height: Int) -> Int? {
    guard let pixelHeight, pixelHeight > 0, rows > 0 else { return nil }
    let cell = Double(pixelHeight) / Double(rows)
    return Int((Double(height) / cell).rounded(.up))
  }
}
