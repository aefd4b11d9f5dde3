-- wrk script for bench/run.sh: rotates real tokens of many patients and providers.
-- usage: wrk ... -s bench/wrk/scenario.lua URL -- MODE TOKENS_FILE [BODY_FILE]
-- MODE: b0 | b1 | t1 | t2 | t3 | t4 | f1 | f2. Each thread starts at its own offset in the token file, and
-- read scenarios alternate the patient's own token and the care-team provider's token.
local threads = {}
local counter = 1

function setup(thread)
  thread:set("tid", counter)
  counter = counter + 1
  table.insert(threads, thread)
end

local rows = {}
local mode, idx, body

local function read_lines(file)
  local out = {}
  for line in io.lines(file) do
    local f = {}
    for w in line:gmatch("%S+") do f[#f + 1] = w end
    if #f >= 6 then out[#out + 1] = f end
  end
  return out
end

function init(args)
  mode = args[1]
  rows = read_lines(args[2])
  if args[3] then
    local fh = io.open(args[3], "r")
    body = fh:read("*a")
    fh:close()
  end
  idx = ((tid or 1) * 7919) % #rows
  math.randomseed(os.time() + (tid or 1))
end

local function uuid4()
  local t = "xxxxxxxx-xxxx-4xxx-yxxx-xxxxxxxxxxxx"
  return (t:gsub("[xy]", function(c)
    local v = (c == "x") and math.random(0, 15) or math.random(8, 11)
    return string.format("%x", v)
  end))
end

function request()
  idx = idx % #rows + 1
  local r = rows[idx]
  local patient, entry, patientToken, readerToken, writerToken = r[1], r[3], r[4], r[5], r[6]
  local token = (idx % 2 == 0) and patientToken or readerToken
  local headers = { ["Authorization"] = "Bearer " .. token, ["Accept"] = "application/json" }
  if mode == "b0" then
    return wrk.format("GET", "/bench/b0", headers)
  elseif mode == "b1" then
    return wrk.format("GET", "/bench/b1/" .. patient, headers)
  elseif mode == "t1" then
    return wrk.format("GET", "/api/v1/patients/" .. patient .. "/chart", headers)
  elseif mode == "t2" then
    return wrk.format("GET", "/api/v1/patients/" .. patient .. "/chart/entries", headers)
  elseif mode == "t3" then
    return wrk.format("GET", "/api/v1/patients/" .. patient .. "/chart/entries/" .. entry, headers)
  elseif mode == "f1" then
    headers["Accept"] = "application/fhir+json"
    return wrk.format("GET", "/fhir/r4/Observation/" .. entry, headers)
  elseif mode == "f2" then
    headers["Accept"] = "application/fhir+json"
    return wrk.format("GET", "/fhir/r4/Observation?patient=" .. patient .. "&category=laboratory", headers)
  elseif mode == "t4" then
    headers["Authorization"] = "Bearer " .. writerToken
    headers["Content-Type"] = "application/json"
    headers["Idempotency-Key"] = uuid4()
    return wrk.format("POST", "/api/v1/patients/" .. patient .. "/chart/entries", headers, body)
  end
  error("unknown mode " .. tostring(mode))
end

function done(summary, latency, requests)
  local non2xx = summary.errors.status or 0
  io.write(string.format(
    "BENCHJSON {\"requests\":%d,\"duration_us\":%d,\"non2xx\":%d,\"connect_errors\":%d,\"read_errors\":%d,"
      .. "\"write_errors\":%d,\"timeouts\":%d,\"p50_us\":%d,\"p90_us\":%d,\"p99_us\":%d,\"max_us\":%d,\"mean_us\":%.1f}\n",
    summary.requests, summary.duration, non2xx, summary.errors.connect, summary.errors.read,
    summary.errors.write, summary.errors.timeout, latency:percentile(50), latency:percentile(90),
    latency:percentile(99), latency.max, latency.mean))
end
