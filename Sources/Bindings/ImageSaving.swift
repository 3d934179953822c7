// Writing images from the language: a tensor of pixels to a PNG file (datasets made in notebooks).

import Foundation
import Lang
import Models
import Tensor

extension Library {
  /// `save_image(pixels, path)`.
  public static let imageSaving = Library("images", functions: [
    Builtin("save_image", signature: "save_image(pixels, path)",
            doc: "Writes a PNG: pixels is a tensor [height, width, 3] (RGB) or [height, width] (gray) with values in [0, 1]\n(clamped; multiplied by 255 and rounded). Missing directories are created.") { args in
      let pixels = try args.tensor("pixels")
      let path = args.interpreter.resolvingPath(try args.string("path"))
      guard pixels.shape.count == 3 && pixels.shape[2] == 3 || pixels.shape.count == 2 else {
        throw LangError.message("save_image: pixels must be [height, width, 3] or [height, width], got shape \(pixels.shape)")
      }
      let (height, width) = (pixels.shape[0], pixels.shape[1])
      guard height > 0, width > 0 else { throw LangError.message("save_image: the image is empty (shape \(pixels.shape))") }
      let values = pixels.scalars
      let channels = pixels.shape.count == 3 ? 3 : 1
      var bytes = [UInt8](repeating: 0, count: height * width * 3)
      for pixel in 0..<(height * width) {
        for c in 0..<3 {
          let value = values[pixel * channels + (channels == 3 ? c : 0)]
          bytes[pixel * 3 + c] = value.isNaN ? 0 : UInt8((Swift.min(Swift.max(value, 0), 1) * 255).rounded())
        }
      }
      try tensorOperation(args.interpreter) {
        try FileManager.default.createDirectory(atPath: (path as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
        try Image(width: width, height: height, format: .rgb, pixels: bytes).writePNG(to: path)
      }
      return .nil
    },
  ])
}
