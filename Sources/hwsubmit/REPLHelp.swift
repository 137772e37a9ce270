import LuaKit

/// The REPL's `help`: `help()` says what the REPL can do; `help(f)` and `help "name"` show
/// the documentation of a function or module.
///
/// Documentation comes from, in order: ``documentation`` (the `hdc` binding registry), the
/// comments of a Lua module's source (a module's leading `--` block; the `--` lines just above
/// `function M.name(`), a pointer into the Lua manual for the standard library, and last a
/// description of the value (a Lua function's parameters and where it is defined, a table's
/// fields). The lookup is a little Lua, run like any REPL input (protected, Ctrl-C stops it).
///
/// It is host code: it runs with the libraries the state opened (`debug.getinfo`, `io.open`),
/// and looks names up in the globals and `package` the user's code sees. Under `--sandbox` it
/// keeps working while the user's code has no `debug` or `io`; it returns nothing, prints to
/// the terminal only, and reads module sources only on the `package.path` the user's code
/// sees, by plain dotted names.
enum REPLHelp {
    /// Installs the global `help`. `documentation` gives the registry's text for a qualified
    /// name (`"hdc.create_product"`), or nil.
    static func install(on stack: LuaStack, overview: String, documentation: @escaping (String) -> String?) {
        let top = stack.top
        defer { stack.top = top }
        do throws(LuaError) {
            try stack.load(source, chunkName: "=(help)")
            stack.pushLoadedLibrary("_G")
            stack.setChunkEnvironment(at: -2)
            stack.push(overview)
            stack.push(function: { call in
                guard let name = call.stack.string(at: 1), let text = documentation(name) else { return .values(0) }
                call.stack.push(text)
                return .values(1)
            })
            stack.pushGlobalTable()
            try stack.call(arguments: 3, results: 1)
            stack.setGlobal("help")
        } catch {
            if let value = error.value { stack.release(value) }
            Diagnostics.error("help is not available: \(error.message)")
        }
    }

    private static let source = """
        local overview, registry, G = ...
        local getinfo, getlocal = debug.getinfo, debug.getlocal
        local searchpath = package.searchpath
        local open, write = io.open, io.write
        local ipairs, next, type, rawget, select, pcall = ipairs, next, type, rawget, select, pcall
        local format, concat, sort, insert = string.format, table.concat, table.sort, table.insert

        -- The user's package table (a sandbox's own, under --sandbox) and what it holds.
        local function user_package()
          local package = rawget(G, "package")
          if type(package) == "table" then return package end
          return {}
        end
        local function loaded()
          local modules = user_package().loaded
          return type(modules) == "table" and modules or {}
        end

        -- Sections of the Lua 5.4 reference manual for the standard library.
        local manual = { coroutine = "6.2", package = "6.3", string = "6.4", utf8 = "6.5",
          table = "6.6", math = "6.7", io = "6.8", os = "6.9", debug = "6.10" }
        local basic = {}
        for name in ("assert collectgarbage dofile error getmetatable ipairs load loadfile next pairs pcall "
          .. "print rawequal rawget rawlen rawset require select setmetatable tonumber tostring type "
          .. "xpcall warn"):gmatch("%S+") do basic[name] = true end

        local function manual_section(name, modname)
          if manual[name] then return manual[name] end
          if modname and manual[modname] then return manual[modname] end
          if basic[name] then return "6.1" end
        end

        local function sorted_keys(t)
          local keys = {}
          for k in next, t do if type(k) == "string" then keys[#keys + 1] = k end end
          sort(keys)
          return keys
        end

        -- "module.field" for a value found in a loaded module (or a global), else nil.
        local function name_of(value)
          local loaded = loaded()
          for _, modname in ipairs(sorted_keys(loaded)) do
            local module = rawget(loaded, modname)
            if module == value then return modname end
            if type(module) == "table" and modname ~= "_G" then
              for _, k in ipairs(sorted_keys(module)) do
                if rawget(module, k) == value then return modname .. "." .. k end
              end
            end
          end
          for _, k in ipairs(sorted_keys(G)) do
            if rawget(G, k) == value then return k end
          end
        end

        -- The value a dotted name leads to (raw reads only), and the module it starts in.
        local function value_of(name)
          local first, rest = name:match("^([^.]+)(.*)$")
          if not first then return nil end
          local value = rawget(loaded(), first)
          if value == nil then value = rawget(G, first) end
          for field in rest:gmatch("%.([^.]+)") do
            if type(value) ~= "table" then return nil end
            value = rawget(value, field)
          end
          return value
        end

        -- The comment block of a Lua module's file: the leading one, or the one above `field`.
        local function source_docs(modname, field)
          if not modname:match("^[%w_]+[%w_.]*$") or modname:find("..", 1, true) then return nil end
          local ok, path = pcall(searchpath, modname, user_package().path)
          if not ok or not path then return nil end
          local file = open(path, "r")
          if not file then return nil end
          local lines = {}
          for line in file:lines() do lines[#lines + 1] = line end
          file:close()
          local function comments_above(i)
            local block = {}
            while i >= 1 and lines[i]:match("^%s*%-%-") do
              insert(block, 1, (lines[i]:gsub("^%s*%-%-%-?%s?", "")))
              i = i - 1
            end
            return block
          end
          if not field then
            local block, i = {}, 1
            if lines[1] and lines[1]:match("^#") then i = 2 end
            while lines[i] and lines[i]:match("^%-%-") do
              block[#block + 1] = (lines[i]:gsub("^%-%-%-?%s?", ""))
              i = i + 1
            end
            return #block > 0 and concat(block, "\\n") or nil
          end
          local escaped = field:gsub("%p", "%%%0")
          for i, line in ipairs(lines) do
            local signature = line:match("^%s*function%s+[%w_]+[.:]" .. escaped .. "%s*(%b())")
            local assigned = line:match("^%s*[%w_]+%." .. escaped .. "%s*=%s*function%s*(%b())")
            if signature or assigned then
              local block = comments_above(i - 1)
              insert(block, 1, modname .. "." .. field .. (signature or assigned))
              return concat(block, "\\n")
            end
          end
        end

        local function describe(value, name)
          local kind = type(value)
          if kind == "function" then
            local info = getinfo(value, "Su")
            if info.what == "C" then
              return (name or "this function") .. " is a built-in function with no documentation here"
            end
            local parameters = {}
            for i = 1, info.nparams do parameters[i] = getlocal(value, i) end
            if info.isvararg then parameters[#parameters + 1] = "..." end
            return format("%s(%s), defined at %s:%d", name or "function", concat(parameters, ", "),
              info.short_src, info.linedefined)
          elseif kind == "table" then
            local keys = sorted_keys(value)
            if #keys == 0 then return (name and name .. ": " or "") .. "a table with no named fields" end
            return (name and name .. ": " or "") .. "a table with the fields " .. concat(keys, ", ")
          elseif value == nil then
            if name then return name .. " is nil: no module, global or field has that name" end
            return "help(f) or help \\"name\\" shows the documentation of a function or module"
          end
          return (name and name .. ": " or "") .. "a " .. kind .. " value"
        end

        return function(...)
          if select("#", ...) == 0 then
            write(overview)
            return
          end
          local subject = ...
          local name, value
          if type(subject) == "string" then
            name, value = subject, value_of(subject)
          else
            name, value = name_of(subject), subject
          end
          local text = name and registry(name)
          if not text and name then
            local modname, field = name:match("^(.*)%.([^.]+)$")
            local section = manual_section(name, modname)
            if section then
              text = format("%s is part of Lua's standard library: see section %s of the Lua 5.4 reference manual "
                .. "(https://www.lua.org/manual/5.4/manual.html#%s)", name, section, section)
            else
              text = source_docs(name) or (modname and source_docs(modname, field))
            end
          end
          write((text or describe(value, name)) .. "\\n")
        end
        """
}
