-- wrk script of the benchmarks (devstack/bench.py): every request is one line of the file named
-- by the first argument: METHOD <tab> path <tab> headers "Name: value" (a Cookie, an
-- Authorization, an Origin; several separated by the byte 0x1F; may be empty) <tab> body (may be empty: JSON when it starts with "{", else a
-- form). Each wrk thread takes every n-th line, sends each once and stops when its
-- lines are used up, so a run is bounded in count as well as in time. done() prints one line
-- "BENCH {json}": statuses, socket errors and latency percentiles.

local threads = {}
local counter = 0

function setup(thread)
  thread:set("id", counter)
  counter = counter + 1
  table.insert(threads, thread)
end

local function split(line)
  local fields = {}
  for field in (line .. "\t"):gmatch("([^\t]*)\t") do
    table.insert(fields, field)
  end
  return fields
end

-- args: the planned requests' file, the number of wrk threads.
function init(args)
  local id, step = tonumber(wrk.thread:get("id")), tonumber(args[2])
  lines, index, statuses = {}, 0, {}
  local n = 0
  for line in io.lines(args[1]) do
    if n % step == id then
      table.insert(lines, split(line))
    end
    n = n + 1
  end
end

function request()
  index = index + 1
  local r = lines[index] or lines[#lines]  -- past the end: never sent, the thread has stopped
  local headers = {}
  for header in (r[3] or ""):gmatch("[^\31]+") do
    local name, value = header:match("^([^:]+): (.*)$")
    if name then headers[name] = value end
  end
  local body = nil
  if r[4] ~= nil and r[4] ~= "" then
    body = r[4]
    if body:sub(1, 1) == "{" then
      headers["Content-Type"] = "application/json"
    else
      headers["Content-Type"] = "application/x-www-form-urlencoded"
    end
  end
  return wrk.format(r[1], r[2], headers, body)
end

function response(status, headers, body)
  statuses[status] = (statuses[status] or 0) + 1
  if index >= #lines then
    wrk.thread:stop()
  end
end

function done(summary, latency, requests)
  local merged = {}
  for _, thread in ipairs(threads) do
    for code, count in pairs(thread:get("statuses")) do
      merged[code] = (merged[code] or 0) + count
    end
  end
  local parts = {}
  for code, count in pairs(merged) do
    table.insert(parts, string.format('"%d":%d', code, count))
  end
  local e = summary.errors
  io.write(string.format(
    'BENCH {"requests":%d,"seconds":%.3f,"statuses":{%s},"errors":{"connect":%d,"read":%d,'
    .. '"write":%d,"status":%d,"timeout":%d},"p50_ms":%.2f,"p95_ms":%.2f,"p99_ms":%.2f}\n',
    summary.requests, summary.duration / 1e6, table.concat(parts, ","), e.connect, e.read,
    e.write, e.status, e.timeout, latency:percentile(50) / 1000, latency:percentile(95) / 1000,
    latency:percentile(99) / 1000))
end
