// Strided iteration: walks n-d index spaces of several operands as runs of contiguous rows.

/// Merges dimensions that every operand traverses contiguously, and drops size-1 dimensions.
///
/// After coalescing, a contiguous tensor is one long row, and a transposed or broadcast one has
/// as few dimensions as its strides allow, so the innermost loop is as long as possible.
/// - Parameters:
///   - shape: the extent of each dimension, outermost first.
///   - strides: per operand, the element stride of each dimension (0 for broadcast).
/// - Returns: the coalesced shape (never empty; `[0]` when any extent is 0) and strides.
func coalesce(shape: [Int], strides: [[Int]]) -> (shape: [Int], strides: [[Int]]) {
  if shape.contains(0) { return ([0], strides.map { _ in [0] }) }
  var mergedShape: [Int] = []
  var mergedStrides: [[Int]] = strides.map { _ in [] }
  for dimension in shape.indices.reversed() where shape[dimension] != 1 {
    let extent = shape[dimension]
    if let innerExtent = mergedShape.first,
      strides.indices.allSatisfy({ strides[$0][dimension] == mergedStrides[$0][0] * innerExtent })
    {
      mergedShape[0] *= extent
      continue
    }
    mergedShape.insert(extent, at: 0)
    for operand in strides.indices { mergedStrides[operand].insert(strides[operand][dimension], at: 0) }
  }
  if mergedShape.isEmpty { return ([1], strides.map { _ in [0] }) }
  return (mergedShape, mergedStrides)
}

/// Calls `body` once per innermost row of an n-d loop over several strided operands.
///
/// `body` receives each operand's element offset for the row's first element, the row length
/// and each operand's stride along the row. Dimensions are coalesced first, so contiguous
/// operands arrive as a single row.
@inline(__always)
func forEachRow(
  shape: [Int], strides: [[Int]],
  _ body: (_ offsets: [Int], _ length: Int, _ rowStrides: [Int]) -> Void
) {
  let (shape, strides) = coalesce(shape: shape, strides: strides)
  if shape[0] == 0 { return }
  let rank = shape.count
  let operands = strides.count
  let length = shape[rank - 1]
  let rowStrides = strides.map { $0[rank - 1] }
  var offsets = [Int](repeating: 0, count: operands)
  if rank == 1 {
    body(offsets, length, rowStrides)
    return
  }
  var index = [Int](repeating: 0, count: rank - 1)
  var rows = 1
  for dimension in 0..<(rank - 1) { rows *= shape[dimension] }
  for _ in 0..<rows {
    body(offsets, length, rowStrides)
    var dimension = rank - 2
    while dimension >= 0 {
      index[dimension] += 1
      for operand in 0..<operands { offsets[operand] += strides[operand][dimension] }
      if index[dimension] < shape[dimension] { break }
      for operand in 0..<operands { offsets[operand] -= strides[operand][dimension] * shape[dimension] }
      index[dimension] = 0
      dimension -= 1
    }
  }
}

/// Calls `body` with the operands' offsets for every index of an n-d space.
///
/// Used by kernels whose unit of work is itself a row (rotary embeddings), iterated over the
/// remaining dimensions.
@inline(__always)
func forEachIndex(shape: [Int], strides: [[Int]], _ body: (_ offsets: [Int]) -> Void) {
  forEachRow(shape: shape, strides: strides) { offsets, length, rowStrides in
    var current = offsets
    for _ in 0..<length {
      body(current)
      for operand in current.indices { current[operand] += rowStrides[operand] }
    }
  }
}
