-- refserver.lua: drives the Cartesi Machine 0.21 reference for rivet's
-- differential tester. Reads one command per line on stdin, answers one line
-- on stdout (after "ok " or "err ").
--   new TEMPLATE_CONFIG_JSON RAM_IMAGE UARCH_RAM_IMAGE   create a machine
--   run MCYCLE                  run to MCYCLE; answers "MCYCLE REASON HASH"
--   dump FILE ADDR LEN [ADDR LEN ...]   write the bytes of these physical ranges to FILE
--   store DIR                   store the machine in DIR (which must not exist)
--   load DIR                    replace the machine with one loaded from DIR (with its cache files)
-- The template is a config.json that the reference stored for the same layout.
local cartesi = require("cartesi")

local function read_file(name)
    local f = assert(io.open(name, "rb"))
    local s = f:read("a")
    f:close()
    return s
end

local function strip(t)
    if type(t) ~= "table" then return end
    for k, v in pairs(t) do
        if k == "backing_store" then
            t[k] = nil
        else
            strip(v)
        end
    end
end

local reasons = {}
for name, v in pairs(cartesi) do
    if type(name) == "string" and name:match("^BREAK_REASON_") and type(v) == "number" then
        reasons[v] = name:sub(#"BREAK_REASON_" + 1):lower()
    end
end

local runtime = { console = { output_destination = "to_null", input_source = "from_null" } }
local machine
local template_cache = {}

local function cmd_new(tmpl, ram, uarch)
    if machine then
        machine:destroy()
        machine = nil
    end
    local text = template_cache[tmpl]
    if not text then
        text = read_file(tmpl)
        template_cache[tmpl] = text
    end
    local config = cartesi.fromjson(text).config
    strip(config)
    config.hash_tree.sht_filename = nil
    config.hash_tree.phtc_filename = nil
    config.hash_tree.create = nil
    config.hash_tree.shared = nil
    config.ram.backing_store = { data_filename = ram }
    config.uarch.ram.backing_store = { data_filename = uarch }
    machine = cartesi.new():create(config, runtime)
    return "created"
end

local function cmd_run(mcycle)
    local reason = machine:run(math.tointeger(tonumber(mcycle)))
    return string.format(
        "%u %s %s",
        machine:read_reg("mcycle"),
        reasons[reason] or tostring(reason),
        cartesi.tohex(machine:get_root_hash())
    )
end

local function cmd_dump(file, ...)
    local args = { ... }
    local f = assert(io.open(file, "wb"))
    for i = 1, #args, 2 do
        f:write(machine:read_memory(math.tointeger(tonumber(args[i])), math.tointeger(tonumber(args[i + 1]))))
    end
    f:close()
    return "dumped"
end

local function cmd_store(dir)
    machine:store(dir)
    return "stored"
end

local function cmd_load(dir)
    if machine then
        machine:destroy()
        machine = nil
    end
    machine = cartesi.new():load(dir, runtime)
    return "loaded"
end

local commands = { new = cmd_new, run = cmd_run, dump = cmd_dump, store = cmd_store, load = cmd_load }

io.stdout:setvbuf("line")
for line in io.stdin:lines() do
    local words = {}
    for w in line:gmatch("%S+") do
        words[#words + 1] = w
    end
    local fn = commands[words[1]]
    if not fn then
        io.stdout:write("err unknown command ", tostring(words[1]), "\n")
    else
        local ok, res = pcall(fn, table.unpack(words, 2))
        if ok then
            io.stdout:write("ok ", res, "\n")
        else
            io.stdout:write("err ", (tostring(res):gsub("\n", " ")), "\n")
        end
    end
end
