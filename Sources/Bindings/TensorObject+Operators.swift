// Tensor operators in the language: arithmetic, `@`, comparisons and `in`, broadcasting.

import Lang
import Tensor

extension TensorObject {
  /// `t op x` or `x op t` for a number, a nested list of numbers or another tensor.
  ///
  /// Arithmetic and comparisons broadcast like NumPy; comparisons give float 0/1 masks;
  /// `@` is `matmul`; `x in t` is true when some element equals the number `x`. Int tensors
  /// compute as float32. `//` and `%` are not defined on tensors (nil: the interpreter reports
  /// unsupported operands).
  public func binary(_ op: BinaryOperator, _ other: Value, isLeftOperand: Bool, interpreter: Interpreter)
    throws(LangError) -> Value?
  {
    if op == .contains {
      guard !isLeftOperand, case .number(let n) = other else { return nil }
      return .bool(scalars.contains(n))
    }
    if op == .floorDivide || op == .modulo { return nil }
    let operand: Tensor
    switch other {
    case .number(let n): operand = Tensor(Float(n))
    case .native(let object as TensorObject): operand = try object.floatTensor()
    case .list, .bool:
      operand = try TensorLiteral.make(other, dtype: .float32, function: op.symbol, interpreter: interpreter).floatTensor()
    default: return nil
    }
    let this = try floatTensor()
    let (a, b) = isLeftOperand ? (this, operand) : (operand, this)
    return .tensor(try tensorOperation(interpreter) { () throws -> Tensor in
      switch op {
      case .add: return try a + b
      case .subtract: return try a - b
      case .multiply: return try a * b
      case .divide: return try a / b
      case .power:
        // A constant exponent uses the cheaper unary kernel (and `square` for 2).
        if isLeftOperand, case .number(let n) = other { return try a.pow(Float(n)) }
        return try Tensor.pow(a, b)
      case .matrixMultiply: return try a.matmul(b)
      case .equal: return try a .== b
      case .notEqual: return try a .!= b
      case .less: return try a .< b
      case .lessEqual: return try a .<= b
      case .greater: return try a .> b
      case .greaterEqual: return try a .>= b
      case .floorDivide, .modulo, .contains:
        throw LangError.message("unsupported tensor operator '\(op.symbol)'")
      }
    })
  }

  /// `-t`.
  public func negate(interpreter: Interpreter) throws(LangError) -> Value? {
    let this = try floatTensor()
    return .tensor(try tensorOperation(interpreter) { try -this })
  }
}
