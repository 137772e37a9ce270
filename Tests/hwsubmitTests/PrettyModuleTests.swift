import Foundation
import Testing

/// `require "pretty"` (stdlib/pretty.lua), through the real binary: the printer of the REPL's
/// results and of scripts.
@Suite struct PrettyModuleTests {
    /// Runs `code` with `pretty` in a local; returns standard output.
    private func run(_ code: String, sourceLocation: SourceLocation = #_sourceLocation) throws -> String {
        let result = try HWSubmitProcess.run(["-e", "local pretty = require 'pretty'\n" + code])
        #expect(result.status == 0, sourceLocation: sourceLocation)
        #expect(result.stderr == "", sourceLocation: sourceLocation)
        return result.stdout
    }

    @Test func sortsKeysAndShowsSequencesAsLists() throws {
        let output = try run("""
            pretty.print({3, 2, 1, zeta = true, alpha = {x = 1}, [10] = 'ten', [1.5] = 'f', ['two words'] = 2, [false] = 0})
            pretty.print({}, {{}}, 'a\\tb\\n"c"', 42, 1.0, nil)
            """)
        #expect(output == """
            {
              3, 2, 1,
              [1.5] = "f",
              [10] = "ten",
              alpha = { x = 1 },
              ["two words"] = 2,
              zeta = true,
              [false] = 0,
            }
            {}\t{ {} }\t"a\\tb\\n\\"c\\""\t42\t1.0\tnil

            """)
    }

    @Test func marksCycles() throws {
        let output = try run("""
            local t = {name = 'root', child = {}}
            t.child.parent = t
            t.child.me = t.child
            print(pretty(t))
            """)
        #expect(output == "{ child = { me = <cycle: .child>, parent = <cycle: top level> }, name = \"root\" }\n")
    }

    @Test func sharedTablesAreShownEachTime() throws {
        let output = try run("local shared = {1}; print(pretty({a = shared, b = shared}))")
        #expect(output == "{ a = { 1 }, b = { 1 } }\n")
    }

    @Test func cutsDepthLengthAndLongStringsAndSaysSo() throws {
        let output = try run("""
            local deep = {a = {b = {c = {d = {e = {f = 1}}}}}}
            local long = {}
            for i = 1, 150 do long[i] = i end
            pretty.print(deep)
            local text, cut = pretty.format(long, {items = 3})
            print(text)
            print(cut.items, cut.depth, cut.strings)
            print(pretty.note(cut))
            print(pretty(string.rep('é', 10), {string_length = 5}))
            print(pretty(deep, {depth = 10}))
            print(pretty.note(select(2, pretty.format({1, 2}))))
            """)
        #expect(output == """
            { a = { b = { c = { d = { e = {…} } } } } }
            -- cut: 1 table nested deeper than 5 levels; pretty.print(value, {depth = 10}) shows more
            { 1, 2, 3, …and 147 more }
            1\t0\t0
            -- cut: 1 table longer than 3 entries; pretty.print(value, {items = 30}) shows more
            "éé…" (20 bytes)
            { a = { b = { c = { d = { e = { f = 1 } } } } } }
            nil

            """)
    }

    @Test func breaksTablesThatDoNotFitTheWidth() throws {
        let output = try run("""
            print(pretty({first = string.rep('a', 40), second = string.rep('b', 40), list = {1, 2, 3}}))
            print(pretty({1, 2, 3, 4, 5, 6, 7, 8, 9, 10}, {width = 20}))
            """)
        #expect(output == """
            {
              first = "\(String(repeating: "a", count: 40))",
              list = { 1, 2, 3 },
              second = "\(String(repeating: "b", count: 40))",
            }
            {
              1, 2, 3, 4, 5, 6,
              7, 8, 9, 10,
            }

            """)
    }

    /// Strings go through `hdc.redact`: the encodings the Lua copy of the rule missed included.
    @Test func masksSASSignatures() throws {
        let output = try run("""
            print(pretty('https://a.blob.core.windows.net/c/p.zip?sv=2022-11-02&sig=abc%2Bdef%3D&se=2030'))
            print(pretty({sig = 'raw', SIG = 'upper', query = 'sp=r&sig=xyz', encoded = 'u%3Fsv%3D1%26sig%3Dq%2Bw%26se%3D2'}))
            print(pretty({json = '{"url":"u?sv=1\\\\u0026sig=j\\\\u0026se=2"}', twice = 'x%3Fsv%253D1%2526sig%253Dt%2526se%253D2'}))
            print(pretty.mask, hdc.redact('no signature here: signal=3'))
            """)
        #expect(output == """
            "https://a.blob.core.windows.net/c/p.zip?sv=2022-11-02&sig=<redacted>&se=2030"
            {
              SIG = "<redacted>",
              encoded = "u%3Fsv%3D1%26sig%3D<redacted>%26se%3D2",
              query = "sp=r&sig=<redacted>",
              sig = "<redacted>",
            }
            {
              json = "{\\"url\\":\\"u?sv=1\\\\u0026sig=<redacted>\\\\u0026se=2\\"}",
              twice = "x%3Fsv%253D1%2526sig%253D<redacted>%2526se%253D2",
            }
            nil	no signature here: signal=3

            """)
    }

    @Test func showsServiceResourcesWithTheirIdentityFirst() throws {
        let output = try run("""
            pretty.print({
              links = {{href = 'x', rel = 'self', method = 'GET'}, {href = 'y', rel = 'next', method = 'GET'}},
              isUniversal = true, commitStatus = 'commitComplete', type = 'initial', productId = 14631253285588838,
              workflowStatus = {state = 'completed', currentStep = 'finalizeIngestion', messages = {}},
              id = 1152921504628000001, name = 'Contoso Audio 1.2',
            })
            pretty.print({isTestSign = false, id = 14631253285588838, productName = 'Contoso Audio', deviceType = 'external'})
            pretty.print({id = 7, productName = 'Small'})
            """)
        #expect(output == """
            --[[submission]] {
              name = "Contoso Audio 1.2",
              id = 1152921504628000001,
              productId = 14631253285588838,
              type = "initial",
              workflowStatus = { currentStep = "finalizeIngestion", messages = {}, state = "completed" },
              commitStatus = "commitComplete",
              isUniversal = true,
              links = {…2},
            }
            --[[product]] {
              productName = "Contoso Audio",
              id = 14631253285588838,
              deviceType = "external",
              isTestSign = false,
            }
            --[[product]] { productName = "Small", id = 7 }

            """)
    }

    @Test func showsFunctionsAndSpecialValues() throws {
        let output = try run("""
            local function f() end
            print(pretty(f), pretty(print), pretty(require('json').null), pretty(io.stdout):match('^<file %(0x') ~= nil)
            print(pretty(math.huge), pretty(-0.0), pretty(1 << 62), pretty('\\0\\255'))
            """)
        #expect(output == "<function (command line):2>\t<function: builtin>\tjson.null\ttrue\ninf\t-0.0\t4611686018427387904\t\"\\0\\xFF\"\n")
    }

    @Test func printStaysLuaCompatible() throws {
        let output = try run("require 'pretty'; print({}) ; print('x', 1)")
        #expect(output.hasPrefix("table: 0x"))
        #expect(output.hasSuffix("\nx\t1\n"))
    }
}
