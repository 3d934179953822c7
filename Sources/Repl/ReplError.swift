// ReplError: mistakes in colon commands, and their one message text.

/// A colon command that cannot be carried out.
public enum ReplError: Error, Equatable, Sendable {
  /// A colon command that does not exist (or a prefix that fits several).
  case unknownCommand(String, hint: String)
  /// A command used without its argument.
  case missingArgument(command: String, argument: String)
  /// A `:run` argument that is not `N`, `N..M` or `all`.
  case badCellSelection(String)
  /// `:cells`, `:run` or `:next` with no notebook loaded.
  case noNotebook
  /// A cell number beyond the notebook.
  case noSuchCell(Int, count: Int)

  /// The message shown at the prompt.
  public var message: String {
    switch self {
    case .unknownCommand(let command, let hint): "unknown command '\(command)'\(hint); :help lists the commands"
    case .missingArgument(let command, let argument): "\(command) needs \(argument)"
    case .badCellSelection(let text): "bad cell selection '\(text)': expected N, N..M or all"
    case .noNotebook: "no notebook loaded; use :load FILE"
    case .noSuchCell(let number, let count): "no cell \(number): the notebook has \(count) cells"
    }
  }
}
