// List methods: map filter reduce sum append extend pop insert sort sorted reversed index contains join copy.

import Lang

extension Library {
  /// Methods of lists; the non-mutating ones also work on ranges.
  public static let listMethods = Library(
    "list methods",
    methods: methods(readingMethods, for: .list, .range) + methods(mutatingMethods, for: .list))

  private static let readingMethods: [Builtin] = [
    Builtin("map", signature: "list.map(fn)", doc: "A new list of fn(x) for each element x.") { args in
      let f = try args.function("fn")
      var result: [Value] = []
      for item in try args.receiverElements() { result.append(try args.interpreter.call(f, [item])) }
      return .list(List(result))
    },
    Builtin("filter", signature: "list.filter(fn)", doc: "A new list of the elements x for which fn(x) is truthy.") { args in
      let f = try args.function("fn")
      var result: [Value] = []
      for item in try args.receiverElements() where try args.interpreter.call(f, [item]).isTruthy() {
        result.append(item)
      }
      return .list(List(result))
    },
    Builtin("reduce", signature: "list.reduce(fn, initial)",
            doc: "Folds the list from the left: fn(fn(initial, x0), x1) ...") { args in
      let f = try args.function("fn")
      var accumulator = try args.value("initial")
      for item in try args.receiverElements() { accumulator = try args.interpreter.call(f, [accumulator, item]) }
      return accumulator
    },
    Builtin("sum", signature: "list.sum(start = 0)", doc: "start plus every element.") { args in
      var total = try args.value("start")
      for item in try args.receiverElements() { total = try args.interpreter.apply(.add, total, item) }
      return total
    },
    Builtin("sorted", signature: "list.sorted(key = nil, reverse = false)",
            doc: "A new list in ascending order (stable), by key(x) when key is given.") { args in
      .list(List(try Sorting.sorted(try args.receiverElements(), key: try args.optionalFunction("key"),
                                    reverse: try args.bool("reverse"), in: args.interpreter)))
    },
    Builtin("reversed", signature: "list.reversed()", doc: "A new list in reverse order.") { args in
      .list(List(try args.receiverElements().reversed()))
    },
    Builtin("index", signature: "list.index(x)", doc: "The index of the first element equal to x; an error if none.") { args in
      let x = try args.value("x")
      guard let index = try args.receiverElements().firstIndex(where: { $0.isEqual(to: x) }) else {
        throw LangError.message("\(x.repr) is not in the list")
      }
      return .number(Double(index))
    },
    Builtin("contains", signature: "list.contains(x)", doc: "Whether some element equals x.") { args in
      let x = try args.value("x")
      return .bool(try args.receiverElements().contains { $0.isEqual(to: x) })
    },
    Builtin("join", signature: "list.join(sep = \"\")", doc: "The elements' printed forms joined by sep.") { args in
      .string(try args.receiverElements().map(\.description).joined(separator: try args.string("sep")))
    },
    Builtin("copy", signature: "list.copy()", doc: "A shallow copy.") { args in
      .list(List(try args.receiverElements()))
    },
  ]

  private static let mutatingMethods: [Builtin] = [
    Builtin("append", signature: "list.append(x)", doc: "Adds x at the end.") { args in
      let list = try args.receiverList()
      try args.interpreter.checkAllocation(count: Double(list.items.count + 1), of: "list")
      list.items.append(try args.value("x"))
      return .nil
    },
    Builtin("extend", signature: "list.extend(xs)", doc: "Adds every element of xs at the end.") { args in
      let list = try args.receiverList()
      let items = try args.sequence("xs")
      try args.interpreter.checkAllocation(count: Double(list.items.count + items.count), of: "list")
      list.items.append(contentsOf: items)
      return .nil
    },
    Builtin("pop", signature: "list.pop(index = -1)", doc: "Removes and returns the element at index (the last by default).") { args in
      let list = try args.receiverList()
      let index = try args.integer("index")
      let resolved = index < 0 ? index + list.items.count : index
      guard resolved >= 0 && resolved < list.items.count else {
        throw list.items.isEmpty ? LangError.message("pop from an empty list")
          : .fault(.indexOutOfRange(index: index, count: list.items.count, type: "list"))
      }
      return list.items.remove(at: resolved)
    },
    Builtin("insert", signature: "list.insert(index, x)", doc: "Inserts x before index (clamped to the list, negative from the end).") { args in
      let list = try args.receiverList()
      let position = Slicing.clamp(try args.integer("index"), count: list.items.count)
      list.items.insert(try args.value("x"), at: position)
      return .nil
    },
    Builtin("sort", signature: "list.sort(key = nil, reverse = false)",
            doc: "Sorts the list in place (stable), by key(x) when key is given.") { args in
      let list = try args.receiverList()
      list.items = try Sorting.sorted(list.items, key: try args.optionalFunction("key"),
                                      reverse: try args.bool("reverse"), in: args.interpreter)
      return .nil
    },
  ]
}
