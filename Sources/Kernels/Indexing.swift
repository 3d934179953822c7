// Indexing: gather, scatter-add and index-select along one axis of contiguous blocks.
//
// Every kernel views its tensors as [outer, axis, inner] blocks. Indices are validated by the
// caller (the Tensor layer throws on out-of-range ids), so these loops do not check them.

/// out[o, j, i] = input[o, index[o, j, i], i] for `index` of shape `[outer, indexLength, inner]`.
public func gather(
  _ input: UnsafePointer<Float>, outer: Int, length: Int, inner: Int,
  index: UnsafePointer<Int32>, indexLength: Int, into output: UnsafeMutablePointer<Float>
) {
  for o in 0..<outer {
    for j in 0..<indexLength {
      let position = (o * indexLength + j) * inner
      for i in 0..<inner {
        output[position + i] = input[(o * length + Int(index[position + i])) * inner + i]
      }
    }
  }
}

/// output[o, index[o, j, i], i] += source[o, j, i]: the adjoint of `gather`.
public func scatterAdd(
  _ source: UnsafePointer<Float>, index: UnsafePointer<Int32>, outer: Int, indexLength: Int,
  inner: Int, into output: UnsafeMutablePointer<Float>, length: Int
) {
  for o in 0..<outer {
    for j in 0..<indexLength {
      let position = (o * indexLength + j) * inner
      for i in 0..<inner {
        output[(o * length + Int(index[position + i])) * inner + i] += source[position + i]
      }
    }
  }
}

/// out[o, j, :] = input[o, indices[j], :]: selects whole slices along the axis (embedding
/// lookup is the case outer = 1).
public func indexSelect(
  _ input: UnsafePointer<Float>, outer: Int, length: Int, inner: Int,
  indices: UnsafePointer<Int32>, count: Int, into output: UnsafeMutablePointer<Float>
) {
  for o in 0..<outer {
    for j in 0..<count {
      let source = input + (o * length + Int(indices[j])) * inner
      (output + (o * count + j) * inner).update(from: source, count: inner)
    }
  }
}

/// output[o, indices[j], :] += source[o, j, :]: the adjoint of `indexSelect` (the embedding
/// gradient). Repeated indices accumulate.
public func indexAdd(
  _ source: UnsafePointer<Float>, outer: Int, count: Int, inner: Int,
  indices: UnsafePointer<Int32>, into output: UnsafeMutablePointer<Float>, length: Int
) {
  for o in 0..<outer {
    for j in 0..<count {
      let row = source + (o * count + j) * inner
      let target = output + (o * length + Int(indices[j])) * inner
      for i in 0..<inner { target[i] += row[i] }
    }
  }
}
