// The image as a language value: a decoded PNG for vision-language prompts and imshow.

import Lang
import Models
import Plot
import Tensor

/// An image in the language (`type(img) == "image"`), made by `load_image(path)`.
///
/// It prints short (`<image 56×56 RGB "cat.png">`), goes into `m.prepare(text, images: [...])`
/// and draws with `imshow(img)`.
public final class ImageObject: NativeObject, PlotImageSource {
  /// The pixels.
  public let image: Models.Image
  /// The file it was read from, if any.
  public let source: String?

  /// Wraps an image.
  public init(_ image: Models.Image, source: String? = nil) {
    self.image = image
    self.source = source
  }

  /// `image`.
  public var typeName: String { "image" }

  /// `RGB` or `RGBA`.
  var mode: String { image.format == .rgb ? "RGB" : "RGBA" }

  /// `<image 56×56 RGB "cat.png">` (width × height).
  public func describe(nested: Bool) -> String {
    "<image \(image.width)×\(image.height) \(mode)\(source.map { " \(Format.quoted($0))" } ?? "")>"
  }

  /// Images are equal when their pixels are.
  public func isEqual(to other: any NativeObject) -> Bool { (other as? ImageObject)?.image == image }

  /// `width height mode path`.
  public var fieldNames: [String] { ["width", "height", "mode", "path"] }

  /// The size in pixels, `RGB` or `RGBA`, or the file.
  public func field(_ name: String, interpreter: Interpreter) throws(LangError) -> Value? {
    switch name {
    case "width": return .number(Double(image.width))
    case "height": return .number(Double(image.height))
    case "mode": return .string(mode)
    case "path": return source.map { .string($0) } ?? .nil
    default: return nil
    }
  }

  /// `tensor()`.
  public var methods: [String: Builtin] { Self.table }

  /// The paragraph `help()` shows above the members.
  public var help: String {
    "An 8-bit RGB or RGBA image (load_image(path)), for m.prepare(text, images: [img]) and imshow(img)."
  }

  /// What `imshow` draws.
  public var plotImage: Plot.Image {
    Plot.Image(width: image.width, height: image.height, channels: image.channelCount, pixels: image.pixels)
  }

  private static let table: [String: Builtin] = [
    "tensor": Builtin("tensor", signature: "image.tensor()", doc: "The pixels as a float32 tensor [height, width, channels] with values in [0, 1].") { args in
      let image = try args.receiver(as: ImageObject.self).image
      let values = image.pixels.map { Float($0) / 255 }
      return .tensor(try tensorOperation { try Tensor(shape: [image.height, image.width, image.channelCount], scalars: values) })
    },
  ]
}
