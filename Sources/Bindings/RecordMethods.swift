// Record methods: keys values items get has remove copy.

import Lang

extension Library {
  /// Methods of records.
  public static let recordMethods = Library("record methods", methods: methods([
    Builtin("keys", signature: "record.keys()", doc: "The keys, in insertion order.") { args in
      .list(List(try args.receiverRecord().keys.map { .string($0) }))
    },
    Builtin("values", signature: "record.values()", doc: "The values, in key order.") { args in
      .list(List(try args.receiverRecord().values))
    },
    Builtin("items", signature: "record.items()",
            doc: "[key, value] pairs in key order: for (k, v) in rec.items() { ... }") { args in
      let record = try args.receiverRecord()
      return .list(List(zip(record.keys, record.values).map { .list(List([.string($0), $1])) }))
    },
    Builtin("get", signature: "record.get(key, default = nil)", doc: "The value at key, or default when it is missing.") { args in
      try args.receiverRecord()[try args.string("key")] ?? (try args.value("default"))
    },
    Builtin("has", signature: "record.has(key)", doc: "Whether the record has key.") { args in
      .bool(try args.receiverRecord()[try args.string("key")] != nil)
    },
    Builtin("remove", signature: "record.remove(key)", doc: "Removes key; returns its value, or nil if it was missing.") { args in
      try args.receiverRecord().removeValue(forKey: try args.string("key")) ?? .nil
    },
    Builtin("copy", signature: "record.copy()", doc: "A shallow copy.") { args in
      let record = try args.receiverRecord()
      return .record(Record(Array(zip(record.keys, record.values))))
    },
  ], for: .record))
}
