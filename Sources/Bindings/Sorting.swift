// A stable merge sort whose comparison may throw, for list.sort and list.sorted.

import Lang

enum Sorting {
  /// Sorts `items` stably by `key` (identity when nil), raising when two keys do not order.
  static func sorted(_ items: [Value], key: Value?, reverse: Bool, in interpreter: Interpreter) throws(LangError) -> [Value] {
    var keys: [Value] = []
    keys.reserveCapacity(items.count)
    for item in items { keys.append(try key.map { f throws(LangError) in try interpreter.call(f, [item]) } ?? item) }
    var order = Array(items.indices)
    var buffer = order
    func less(_ a: Int, _ b: Int) throws(LangError) -> Bool {
      guard let result = Value.ordering(keys[a], keys[b]) else {
        throw LangError.message("cannot sort: \(keys[a].typeName) and \(keys[b].typeName) do not compare")
      }
      return reverse ? result > 0 : result < 0
    }
    var width = 1
    while width < order.count {
      var start = 0
      while start < order.count {
        let middle = min(start + width, order.count), end = min(start + 2 * width, order.count)
        var i = start, j = middle, k = start
        while i < middle && j < end {
          if try less(order[j], order[i]) { buffer[k] = order[j]; j += 1 } else { buffer[k] = order[i]; i += 1 }
          k += 1
        }
        while i < middle { buffer[k] = order[i]; i += 1; k += 1 }
        while j < end { buffer[k] = order[j]; j += 1; k += 1 }
        start += 2 * width
      }
      swap(&order, &buffer)
      width *= 2
    }
    return order.map { items[$0] }
  }
}
