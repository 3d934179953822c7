// PatchFlattening: rescale, normalise and cut an RGB image into Qwen2-VL's rows of pixel_values.

/// The float32 value of every (channel, byte) pair after rescaling and normalising, so each
/// pixel costs one table look-up.
///
/// transformers computes x = float32(float64(v) × rescale_factor) (numpy's `rescale` upcasts,
/// multiplies, then casts down), then (x − mean_c) / std_c in float32 with mean and std cast
/// to float32. Repeating those casts and operations in that order gives bit-identical values.
struct PixelNormalization {
  /// 3 × 256 values, channel-major.
  let table: [Float]

  /// The table for `config`'s rescale and normalise settings.
  init(_ config: Qwen2VLImageProcessorConfig) {
    var table = [Float](repeating: 0, count: 3 * 256)
    for channel in 0..<3 {
      let mean = Float(config.imageMean[channel])
      let std = Float(config.imageStd[channel])
      for value in 0..<256 {
        var x = config.rescales ? Float(Double(value) * config.rescaleFactor) : Float(value)
        if config.normalizes { x = (x - mean) / std }
        table[channel * 256 + value] = x
      }
    }
    self.table = table
  }
}

/// Appends the `pixel_values` rows of one RGB image to `output`, in transformers' order.
///
/// The image (height × width, multiples of `patchSize`·`mergeSize`) is cut into
/// gridH × gridW patches of `patchSize`² pixels. Rows are **block-major**: the mergeSize ×
/// mergeSize blocks run row-major over the grid, and the patches inside a block run
/// row-major, because the vision merger joins each run of mergeSize² consecutive rows into
/// one token. Each row is (channel c, frame t, y, x) flattened, c·T·P² + t·P² + y·P + x; a
/// still image is the same frame repeated `temporalPatchSize` times. In numpy terms, for CHW x:
/// `x.reshape(3, gh/m, m, P, gw/m, m, P).transpose(1, 4, 2, 5, 0, 3, 6)`, then the new frame
/// axis after the channel axis, reshaped to (gh·gw, 3·T·P²).
func appendPatches(of image: Image, config: Qwen2VLImageProcessorConfig, normalization: PixelNormalization,
                   to output: inout [Float]) {
  let patch = config.patchSize, merge = config.mergeSize, frames = config.temporalPatchSize
  let gridHeight = image.height / patch, gridWidth = image.width / patch
  let rowLength = config.patchLength
  let frameLength = patch * patch
  let start = output.count
  output.append(contentsOf: repeatElement(0, count: gridHeight * gridWidth * rowLength))
  image.pixels.withUnsafeBufferPointer { pixels in
    normalization.table.withUnsafeBufferPointer { table in
      output.withUnsafeMutableBufferPointer { out in
        var row = 0
        for blockY in 0..<(gridHeight / merge) {
          for blockX in 0..<(gridWidth / merge) {
            for innerY in 0..<merge {
              for innerX in 0..<merge {
                let top = (blockY * merge + innerY) * patch
                let left = (blockX * merge + innerX) * patch
                let rowBase = start + row * rowLength
                for channel in 0..<3 {
                  let channelBase = rowBase + channel * frames * frameLength
                  let lookup = channel * 256
                  for y in 0..<patch {
                    var source = ((top + y) * image.width + left) * 3 + channel
                    let target = channelBase + y * patch
                    for x in 0..<patch {
                      out[target + x] = table[lookup + Int(pixels[source])]
                      source += 3
                    }
                  }
                  // Frames 1..<T repeat frame 0 (a still image).
                  for frame in 1..<max(frames, 1) {
                    let copy = channelBase + frame * frameLength
                    for i in 0..<frameLength { out[copy + i] = out[channelBase + i] }
                  }
                }
                row += 1
              }
            }
          }
        }
      }
    }
  }
}
