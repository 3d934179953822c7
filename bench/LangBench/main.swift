// Temporary smoke driver; replaced by the benchmark below.
import Bindings
import Lang
import Foundation

let interpreter = try Startup.makeInterpreter()
let path = CommandLine.arguments.count > 1 ? CommandLine.arguments[1] : "/dev/stdin"
let text = try String(contentsOfFile: path, encoding: .utf8)
do {
  if let value = try interpreter.run(text, file: path) { print("=>", value.repr) }
} catch {
  FileHandle.standardError.write(interpreter.render(error).data(using: .utf8)!)
}
