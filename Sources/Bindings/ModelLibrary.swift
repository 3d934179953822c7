// Model builtins: loading model directories, tokenizers and images, with errors that name the
// path and what is missing.

import Foundation
import Lang
import Models
import Tensor

extension Library {
  /// `load_model load_tokenizer load_image`; the model, tokenizer and image values carry the
  /// rest as methods (`m.generate`, `tok.encode`, ...).
  public static let models = Library("models", functions: ModelFunctions.loading)
}

/// The tables behind `Library.models`.
enum ModelFunctions {
  static let loading: [Builtin] = [
    Builtin("load_model", signature: "load_model(dir)",
            doc: "The Qwen2 or Qwen2-VL model in a Hugging Face directory (architecture from config.json's model_type),\nwith its tokenizer, chat format, image processor and generation settings: let m = load_model(\"qwen2vl-tiny\").") { args in
      let directory = try ModelFiles.directory(args, "dir", containing: "config.json",
                                               hint: "a model directory holds config.json, model.safetensors and tokenizer.json")
      return .native(ModelObject(try modelOperation("load_model") { try PretrainedModel.load(directory: directory) }))
    },
    Builtin("load_tokenizer", signature: "load_tokenizer(path)",
            doc: "The byte-level BPE tokenizer of a tokenizer.json file, or of a directory holding one.") { args in
      let path = args.interpreter.resolvingPath(try args.string("path"))
      let file = ModelFiles.isDirectory(path) ? (path as NSString).appendingPathComponent("tokenizer.json") : path
      try ModelFiles.requireFile(file, function: "load_tokenizer")
      return .native(TokenizerObject(try modelOperation("load_tokenizer") { try Tokenizer(contentsOf: URL(fileURLWithPath: file)) },
                                     source: file))
    },
    Builtin("load_image", signature: "load_image(path)",
            doc: "The PNG image at path (gray, RGB, RGBA or palette; any bit depth), for m.prepare(text, images: [...]) and imshow.") { args in
      let path = args.interpreter.resolvingPath(try args.string("path"))
      try ModelFiles.requireFile(path, function: "load_image")
      return .native(ImageObject(try modelOperation("load_image") { try Models.Image(contentsOfPNGFile: path) }, source: path))
    },
  ]
}

/// Checks on paths before the Models layer opens them, so a typo reads as "no such directory"
/// with the working directory, not as a file-format error.
enum ModelFiles {
  /// Whether `path` is an existing directory.
  static func isDirectory(_ path: String) -> Bool {
    var isDirectory: ObjCBool = false
    return FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) && isDirectory.boolValue
  }

  /// The directory argument `name`, resolved against the working directory; an error naming
  /// it unless it exists and holds `file`.
  static func directory(_ args: Arguments, _ name: String, containing file: String, hint: String) throws(LangError) -> String {
    let path = args.interpreter.resolvingPath(try args.string(name))
    var isDirectory: ObjCBool = false
    guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
      throw LangError.message("\(args.functionName): no such directory '\(path)'\n---> HINT: \(relativeHint(args.interpreter))")
    }
    guard isDirectory.boolValue else { throw LangError.message("\(args.functionName): '\(path)' is a file, not a directory") }
    guard FileManager.default.fileExists(atPath: (path as NSString).appendingPathComponent(file)) else {
      throw LangError.message("\(args.functionName): '\(path)' has no \(file)\n---> HINT: \(hint)")
    }
    return path
  }

  /// An error naming `function` and the path unless `path` is an existing file.
  static func requireFile(_ path: String, function: String) throws(LangError) {
    var isDirectory: ObjCBool = false
    guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
      throw LangError.message("\(function): no such file '\(path)'")
    }
    guard !isDirectory.boolValue else { throw LangError.message("\(function): '\(path)' is a directory, not a file") }
  }

  /// Creates `path` and its parents for `function` to write into; otherwise an error naming
  /// the path and the reason, read off its nearest existing ancestor (Foundation's own errors
  /// do not say which part of the path failed).
  static func createDirectory(_ path: String, function: String) throws(LangError) {
    if isDirectory(path) { return }
    do {
      try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    } catch {
      var ancestor = path
      while !ancestor.isEmpty, ancestor != "/", !FileManager.default.fileExists(atPath: ancestor) {
        ancestor = (ancestor as NSString).deletingLastPathComponent
      }
      let reason = isDirectory(ancestor) ? "cannot write in '\(ancestor)' (permission denied or read-only)" : "'\(ancestor)' is a file"
      throw LangError.message("\(function): cannot create directory '\(path)': \(reason)")
    }
  }

  private static func relativeHint(_ interpreter: Interpreter) -> String {
    "relative paths start at \(interpreter.workingDirectory ?? FileManager.default.currentDirectoryPath)"
  }
}

/// Runs one Models operation for the language: polls the interrupt hook first, lets language
/// errors (an interrupt from a progress callback) through unchanged, and turns any other error
/// into a language error `function: message` (Models errors describe themselves, naming the
/// file, field or tensor; one that already starts with the function's name is not prefixed again).
@discardableResult
func modelOperation<Result>(_ function: String, _ interpreter: Interpreter? = nil, _ body: () throws -> Result) throws(LangError) -> Result {
  try interpreter?.checkInterrupt()
  do {
    return try body()
  } catch let error as LangError {
    throw error
  } catch {
    let message = describe(error)
    throw LangError.message(message.hasPrefix(function) ? message : "\(function): \(message)")
  }
}

/// The message of an error from below: the rendered text of the project's error enums, the
/// localized description of anything else (a Foundation error's dump is not for users).
private func describe(_ error: any Error) -> String {
  switch error {
  case let error as ModelError: error.description
  case let error as TokenizerError: error.description
  case let error as ImageError: error.description
  case let error as TensorError: error.description
  default: error.localizedDescription
  }
}
