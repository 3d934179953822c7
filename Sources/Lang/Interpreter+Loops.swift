// `for` loops over ranges, lists, strings, records and native iterators.

extension Interpreter {
  /// Runs a `for` loop; the loop variables are bound fresh in each iteration.
  func forLoop(_ slots: [Slot], _ sequence: Value, _ body: CodeBlock, _ position: Position) throws(Unwind) {
    switch sequence {
    case .range(let range):
      var offset = 0
      let count = range.count
      while offset < count {
        guard try iteration(.number(Double(range.element(at: offset))), slots, body, position) else { return }
        offset += 1
      }
    case .list(let list):
      var offset = 0
      while offset < list.items.count {  // re-read: the body may change the list
        guard try iteration(list.items[offset], slots, body, position) else { return }
        offset += 1
      }
    case .string(let string):
      for character in string {
        guard try iteration(.string(String(character)), slots, body, position) else { return }
      }
    case .record(let record):
      for key in record.keys {
        guard try iteration(.string(key), slots, body, position) else { return }
      }
    case .native(let native):
      let iterator: ValueIterator?
      do throws(LangError) { iterator = try native.makeIterator(interpreter: self) } catch { throw placed(error, at: position) }
      guard let iterator else { throw fail(.message("cannot iterate over a \(native.typeName) value"), position) }
      while true {
        let next: Value?
        do throws(LangError) { next = try iterator.next() } catch { throw placed(error, at: position) }
        guard let next, try iteration(next, slots, body, position) else { return }
      }
    default:
      throw fail(.message("cannot iterate over a \(sequence.typeName) value"), position)
    }
  }

  /// Runs one iteration with fresh loop variables; false means `break`.
  @inline(__always)
  private func iteration(_ value: Value, _ slots: [Slot], _ body: CodeBlock, _ position: Position) throws(Unwind) -> Bool {
    try tick(position)
    if slots.count == 1 { define(slots[0], value) } else { try bind(slots, to: value, position) }
    do {
      _ = try execute(body)
    } catch {
      switch error {
      case .breakLoop: return false
      case .continueLoop: return true
      default: throw error
      }
    }
    return true
  }
}
