// Number printing and format specs, checked directly against the public Format API.

import Lang
import Testing

struct FormatTests {
  @Test(arguments: [
    (3.0, "3"), (-2.0, "-2"), (0.1, "0.1"), (3.5, "3.5"), (1e-5, "1e-05"), (1e6, "1000000"),
    (9_007_199_254_740_992.0, "9007199254740992"), (1e16, "1e+16"), (-0.0, "0"), (.infinity, "inf"),
    (-.infinity, "-inf"), (123.456, "123.456"), (1.0 / 3.0, "0.3333333333333333"),
  ])
  func numbers(_ value: Double, _ text: String) {
    #expect(Format.number(value) == text)
  }

  @Test(arguments: [
    (".3f", 0.123456, "0.123"), (".2e", 1234.5, "1.23e+03"), ("8.3f", 0.5, "   0.500"), (">6", 7.0, "     7"),
    ("<6", 7.0, "7     "), ("^7", 7.0, "   7   "), ("*^7", 7.0, "***7***"), ("d", 42.0, "42"), (".1%", 0.256, "25.6%"),
    (",", 1_234_567.0, "1,234,567"), (",.2f", 1234.5, "1,234.50"), ("+d", 3.0, "+3"), ("05d", -7.0, "-0007"),
    ("x", 255.0, "ff"), ("X", 255.0, "FF"), ("b", 5.0, "101"), ("o", 8.0, "10"), (".3g", 0.0001234, "0.000123"),
    (" .1f", 2.0, " 2.0"), (".0f", 2.5, "2"), ("", 0.1, "0.1"), (".2f", -0.001, "-0.00"),
  ])
  func specsOnNumbers(_ spec: String, _ value: Double, _ text: String) throws {
    #expect(try Format.apply(spec, to: .number(value)) == text)
  }

  @Test func specsOnOtherValues() throws {
    #expect(try Format.apply(">5", to: .string("ab")) == "   ab")
    #expect(try Format.apply(".2", to: .string("abc")) == "ab")
    #expect(try Format.apply("", to: .list(List([.string("a")]))) == "[\"a\"]")
    #expect(try Format.apply("^8", to: .bool(true)) == "  true  ")
  }

  @Test(arguments: [
    ("d", Value.number(2.5), "format spec 'd' needs an integer, got 2.5"),
    (".2f", Value.string("x"), "format spec '.2f' needs a number, got string"),
    ("q", Value.number(1), "invalid format spec 'q'"),
    (".f", Value.number(1), "invalid format spec '.f'"),
    ("99999f", Value.number(1), "invalid format spec '99999f'"),
    ("s", Value.number(1), "format spec 's' needs a string, got number"),
  ])
  func badSpecs(_ spec: String, _ value: Value, _ message: String) {
    #expect(throws: LangError.self) { try Format.apply(spec, to: value) }
    do { _ = try Format.apply(spec, to: value) } catch { #expect(error.message == message) }
  }

  @Test func quotingEscapesForBothSyntaxes() {
    #expect(Format.quoted("a\"b\\c\nd\te\u{1b}") == "\"a\\\"b\\\\c\\nd\\te\\u{1b}\"")
    #expect(Format.quoted("\u{1b}é", json: true) == "\"\\u001bé\"")
  }
}

struct ValueTests {
  @Test func printedForms() {
    let record = Record([("lr", .number(0.001)), ("any key", .number(2)), ("in", .nil)])
    #expect(Value.record(record).description == "{lr: 0.001, \"any key\": 2, \"in\": nil}")
    #expect(Value.string("a").description == "a")
    #expect(Value.string("a").repr == "\"a\"")
    #expect(Value.range(RangeValue(start: 0, end: 3, inclusive: true)).description == "0..=3")
  }

  @Test func structuralEqualityAndOrdering() {
    let a = Value.list(List([.number(1), .record(Record([("k", .string("v"))]))]))
    let b = Value.list(List([.number(1), .record(Record([("k", .string("v"))]))]))
    #expect(a == b)
    #expect(Value.record(Record([("x", .number(1)), ("y", .number(2))])) == .record(Record([("y", .number(2)), ("x", .number(1))])))
    #expect(Value.number(1) != .bool(true))
    #expect(Value.ordering(.string("a"), .string("b")) == -1)
    #expect(Value.ordering(.list(List([.number(1), .number(2)])), .list(List([.number(1)]))) == 1)
    #expect(Value.ordering(.number(1), .string("1")) == nil)
  }

  @Test func rangeCountsWithoutOverflow() {
    #expect(RangeValue(start: 0, end: 10, step: 3).count == 4)
    #expect(RangeValue(start: 10, end: 0, step: -4).count == 3)
    #expect(RangeValue(start: 0, end: 0, inclusive: true).count == 1)
    #expect(RangeValue(start: Int.min, end: Int.max).count == Int.max)
    #expect(RangeValue(start: 0, end: Int.max, inclusive: true).count == Int.max)
  }

  @Test func slicingFollowsPython() {
    #expect(Slicing.offsets(count: 5, start: 1, end: 3, step: nil) == [1, 2])
    #expect(Slicing.offsets(count: 5, start: nil, end: nil, step: -2) == [4, 2, 0])
    #expect(Slicing.offsets(count: 5, start: -2, end: nil, step: nil) == [3, 4])
    #expect(Slicing.offsets(count: 5, start: 10, end: 20, step: nil) == [])
    #expect(Slicing.offsets(count: 5, start: 3, end: 0, step: -1) == [3, 2, 1])
    #expect(Slicing.offsets(count: 5, start: nil, end: nil, step: 0) == nil)
    #expect(Slicing.offsets(count: 3, start: 1, end: nil, step: Int.max) == [1])
  }
}
