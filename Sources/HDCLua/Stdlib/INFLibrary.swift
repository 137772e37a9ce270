import DevCenter
import Foundation
import LuaKit

/// `require "inf"`: reads driver INF files (UTF-8, UTF-16 or ANSI; `%strkey%` substituted) with
/// DevCenter's INF reader, the same one the emulator's ingestion uses.
enum INFLibrary {
    static let name = "inf"

    static var bindings: [HDCBinding] { [parse, read] }

    private static let resultDoc = LuaReturnDoc(
        "table",
        "`version` (`signature`, `class`, `class_guid`, `provider`, `catalog_file`, `driver_date`, `driver_date_iso`, `driver_version`), `manufacturers` (`name`, `models`, `decorations`), `models` (one per models section: `manufacturer`, `section`, `decoration`, `architecture` such as amd64, `service_architecture` such as X64, `build`, `present`, `devices` of `{description, install_section, hardware_id, compatible_ids}`), `hardware_ids` (every one, without repeats), `sections` (name → entries `{key, values, line}`), `strings`, `encoding`, `diagnostics`")

    /// The Lua table of an INF file.
    static func json(_ inf: INFFile) -> JSONValue {
        func text(_ s: String?) -> JSONValue { s.map(JSONValue.string) ?? .null }
        let v = inf.version
        let version: JSONValue = .object([
            "signature": text(v.signature), "class": text(v.infClass), "class_guid": text(v.classGuid), "provider": text(v.provider),
            "catalog_file": text(v.catalogFile), "driver_date": text(v.driverDate), "driver_date_iso": text(v.isoDriverDate),
            "driver_version": text(v.driverVersion),
        ])
        let manufacturers: [JSONValue] = inf.manufacturers.map { m in
            .object([
                "name": .string(m.name), "models": .string(m.modelsSectionName),
                "decorations": .array(m.targets.map { .string($0.decoration) } + m.unknownDecorations.map(JSONValue.string)),
            ])
        }
        let models: [JSONValue] = inf.modelsSections.map { s in
            .object([
                "manufacturer": .string(s.manufacturer), "section": .string(s.name), "decoration": text(s.target?.decoration),
                "architecture": text(s.target?.architecture), "service_architecture": text(s.target?.serviceArchitecture),
                "build": s.target?.buildNumber.map { .integer(Int64($0)) } ?? .null, "present": .bool(s.isPresent),
                "devices": .array(s.devices.map { d in
                    .object([
                        "description": .string(d.description), "install_section": .string(d.installSection),
                        "hardware_id": .string(d.hardwareID), "compatible_ids": .array(d.compatibleIDs.map(JSONValue.string)),
                        "line": .integer(Int64(d.line)),
                    ])
                }),
            ])
        }
        var sections: [String: JSONValue] = [:]
        for section in inf.sections {
            sections[section.name] = .array(section.entries.map { e in
                .object(["key": text(e.key), "values": .array(e.values.map(JSONValue.string)), "line": .integer(Int64(e.line))])
            })
        }
        return .object([
            "version": version, "manufacturers": .array(manufacturers), "models": .array(models),
            "hardware_ids": .array(inf.hardwareIDs.map(JSONValue.string)), "sections": .object(sections),
            "strings": .object(inf.strings.mapValues(JSONValue.string)), "encoding": .string("\(inf.encoding)"),
            "diagnostics": .array(inf.diagnostics.map(JSONValue.string)),
        ])
    }

    private static func parsed(_ bytes: [UInt8], named source: String) throws(HDCError) -> JSONValue {
        do {
            return json(try INFFile(bytes: bytes))
        } catch {
            throw HDCError(kind: .invalidInput, message: "cannot read \(source) as an INF file: \(error)", advice: "Give the driver's .inf file.")
        }
    }

    private static var parse: HDCBinding {
        HDCBinding(LuaFunctionDoc(
            module: name, name: "parse", summary: "Reads the text of an INF file (as bytes: UTF-16 with its byte-order mark works).",
            parameters: [
                LuaParameterDoc("text", "string", "the file's bytes"),
                LuaParameterDoc("source", "string", optional: true, "its name, for error messages"),
            ],
            returns: [resultDoc],
            example: """
                local driver = inf.parse(archive.read("package.zip", "contosowidget.inf"))
                print(driver.version.driver_version, #driver.hardware_ids)
                """,
            access: .local)
        ) { b in
            let bytes = try b.call.bytes(1)
            var meter = LuaWorkMeter(b.stack)
            try meter.charge(bytes.count >> 5)
            let source = b.isAbsent(2) ? "the text" : try b.call.string(2)
            b.stack.push(json: try parsed(bytes, named: source))
            return .values(1)
        }
    }

    private static var read: HDCBinding {
        HDCBinding(LuaFunctionDoc(
            module: name, name: "read", summary: "Reads an INF file from disk.",
            parameters: [LuaParameterDoc("path", "string", "the .inf file")],
            returns: [resultDoc],
            example: """
                local driver = inf.read("examples/contoso-widget/contosowidget.inf")
                for _, models in ipairs(driver.models) do
                  print(models.service_architecture, #models.devices)
                end
                """,
            access: .local)
        ) { b in
            let path = try b.path(1, .read)
            try FSLibrary.meter(reading: path.opened, b)
            let data: Data
            do {
                data = try Data(contentsOf: URL(fileURLWithPath: path.opened))
            } catch {
                throw FSLibrary.failure("cannot read", path.given, error)
            }
            b.stack.push(json: try parsed([UInt8](data), named: path.given))
            return .values(1)
        }
    }
}
