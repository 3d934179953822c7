// `import`: finding module files, running each once, and caching the module values.

import Foundation

/// Finds module files for `import "name"`.
///
/// Search order (LANGUAGE.md): the importing file's directory, each directory of `RLNB_PATH`,
/// then the project's `stdlib/`. `name` may contain `/` and may end in `.rlnb`.
public enum ModuleLoader {
  /// The directories listed in the `RLNB_PATH` environment variable (colon-separated).
  public static func environmentPath() -> [String] {
    guard let value = ProcessInfo.processInfo.environment["RLNB_PATH"] else { return [] }
    return value.split(separator: ":").map(String.init).filter { !$0.isEmpty }
  }

  /// A module's file name as shown in messages: relative to the working directory when inside it.
  static func displayName(_ file: String, workingDirectory: String?) -> String {
    let current = (workingDirectory ?? FileManager.default.currentDirectoryPath) + "/"
    return file.hasPrefix(current) ? String(file.dropFirst(current.count)) : file
  }

  /// The name a module is bound to without `as`: its last path component without `.rlnb`.
  static func defaultName(for path: String) -> String {
    var name = path.split(separator: "/").last.map(String.init) ?? path
    if name.hasSuffix(".rlnb") { name.removeLast(5) }
    let cleaned = String(name.map { $0.isLetter || $0.isNumber || $0 == "_" ? $0 : "_" })
    return cleaned.isEmpty ? "module" : cleaned
  }

  /// The candidate files for `name` imported from `file`, in search order.
  public static func candidates(for name: String, importedFrom file: String, path: [String], standardLibrary: String?,
                                workingDirectory: String? = nil) -> [String]
  {
    let fileName = name.hasSuffix(".rlnb") ? name : name + ".rlnb"
    if fileName.hasPrefix("/") { return [fileName] }
    var directories: [String] = []
    let current = workingDirectory ?? FileManager.default.currentDirectoryPath
    if file.hasPrefix("<") {
      directories.append(current)
    } else {
      let directory = (file as NSString).deletingLastPathComponent
      directories.append(directory.hasPrefix("/") ? directory : (current as NSString).appendingPathComponent(directory))
    }
    directories += path
    if let standardLibrary { directories.append(standardLibrary) }
    return directories.map { ($0 as NSString).appendingPathComponent(fileName) }
  }
}

extension Interpreter {
  /// Loads (once) and returns the module `name`, imported from the current frame's file.
  func importModule(_ name: String, _ position: Position) throws(Unwind) -> Module {
    let importer = frames.last?.code.source.name ?? "<input>"
    let candidates = ModuleLoader.candidates(for: name, importedFrom: importer, path: modulePath,
                                             standardLibrary: standardLibraryDirectory,
                                             workingDirectory: workingDirectory)
    guard let file = candidates.first(where: { FileManager.default.fileExists(atPath: $0) }) else {
      let fileName = (candidates.first.map { ($0 as NSString).lastPathComponent }) ?? name
      throw fail(.importFailed(module: name, reason: "no \(fileName) next to the importing file, in RLNB_PATH or in stdlib/"), position)
    }
    let key = URL(fileURLWithPath: file).standardizedFileURL.resolvingSymlinksInPath().path
    if let module = modules[key] { return module }
    if modulesLoading.contains(key) { throw fail(.circularImport(name), position) }
    let text: String
    do {
      text = try String(contentsOfFile: file, encoding: .utf8)
    } catch {
      throw fail(.importFailed(module: name, reason: "cannot read \(file)"), position)
    }
    let shownName = ModuleLoader.displayName(file, workingDirectory: workingDirectory)
    let source = SourceFile(name: shownName, text: text)
    sources[shownName] = source
    let (program, syntaxErrors) = Parser.parse(source)
    let moduleGlobals = Globals()
    for baseName in baseNames { moduleGlobals[baseName] = mainGlobals[baseName] }
    let moduleName = ModuleLoader.defaultName(for: name)
    let resolved = Resolver.resolve(program, name: "<module \(moduleName)>", source: source, globals: moduleGlobals)
    let errors = SyntaxError.merged(syntaxErrors, resolved.errors, source: source)
    guard errors.isEmpty else { throw fail(.syntax(errors), position) }
    modulesLoading.append(key)
    defer { modulesLoading.removeAll { $0 == key } }
    frames[frames.count - 1].position = position
    do throws(LangError) {
      _ = try execute(script: resolved.code, globals: moduleGlobals)
    } catch {
      throw placed(error, at: position)
    }
    let module = Module(name: moduleName, path: shownName, globals: moduleGlobals)
    module.memberNames = resolved.declared
    modules[key] = module
    return module
  }
}
