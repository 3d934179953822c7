// A binary heap, used for BPE merges at encode time and for pair counts in the trainer.

/// A binary min-heap: `pop` returns the smallest element.
///
/// Elements that compare equal pop in an unspecified order; both users make their order total
/// (rank then position, count then pair) so that the result never depends on it.
struct PriorityQueue<Element: Comparable> {
  private var storage: [Element] = []

  /// An empty queue.
  init() {}

  /// True when no element is left.
  var isEmpty: Bool { storage.isEmpty }

  /// The number of elements.
  var count: Int { storage.count }

  /// Adds `element`.
  mutating func push(_ element: Element) {
    storage.append(element)
    var child = storage.count - 1
    while child > 0 {
      let parent = (child - 1) / 2
      guard storage[child] < storage[parent] else { break }
      storage.swapAt(child, parent)
      child = parent
    }
  }

  /// Removes and returns the first element, or `nil` when empty.
  mutating func pop() -> Element? {
    guard !storage.isEmpty else { return nil }
    storage.swapAt(0, storage.count - 1)
    let top = storage.removeLast()
    var parent = 0
    while true {
      let left = 2 * parent + 1
      guard left < storage.count else { break }
      var best = left
      let right = left + 1
      if right < storage.count, storage[right] < storage[left] { best = right }
      guard storage[best] < storage[parent] else { break }
      storage.swapAt(best, parent)
      parent = best
    }
    return top
  }
}
