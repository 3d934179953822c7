// `for` loops over ranges, lists, strings, records and native iterators.

extension Interpreter {
  /// Runs a `for` loop; the loop variables are bound fresh in each iteration.
  func forLoop(_ slots: [Slot], _ sequence: Value, _ body: CodeBlock, _ position: Position) throws(Unwind) {
    /// Runs one iteration; false means `break`.
    func iterate(_ value: Value, _ interpreter: Interpreter) throws(Unwind) -> Bool {
      try interpreter.tick(position)
      try interpreter.bind(slots, to: value, position)
      do throws(Unwind) {
        _ = try interpreter.execute(body)
      } catch {
        switch error {
        case .breakLoop: return false
        case .continueLoop: return true
        default: throw error
        }
      }
      return true
    }
    switch sequence {
    case .range(let range):
      var offset = 0
      let count = range.count
      while offset < count {
        guard try iterate(.number(Double(range.element(at: offset))), self) else { return }
        offset += 1
      }
    case .list(let list):
      var offset = 0
      while offset < list.items.count {  // re-read: the body may change the list
        guard try iterate(list.items[offset], self) else { return }
        offset += 1
      }
    case .string(let string):
      for character in string {
        guard try iterate(.string(String(character)), self) else { return }
      }
    case .record(let record):
      for key in record.keys {
        guard try iterate(.string(key), self) else { return }
      }
    case .native(let native):
      let iterator: ValueIterator?
      do throws(LangError) { iterator = try native.makeIterator(interpreter: self) } catch { throw placed(error, at: position) }
      guard let iterator else { throw fail(.message("cannot iterate over a \(native.typeName) value"), position) }
      while true {
        let next: Value?
        do throws(LangError) { next = try iterator.next() } catch { throw placed(error, at: position) }
        guard let next, try iterate(next, self) else { return }
      }
    default:
      throw fail(.message("cannot iterate over a \(sequence.typeName) value"), position)
    }
  }
}
