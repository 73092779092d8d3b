-- wrk script of `make bench-vote`: every request is one planned vote (token, JSON body) read
-- from the file named by the first argument; each wrk thread takes every n-th line, sends each
-- once and stops when its lines are used up, so a run is bounded in count as well as in time.
-- done() prints one line "BENCH {json}": statuses, socket errors and latency percentiles.

local threads = {}
local counter = 0

function setup(thread)
  thread:set("id", counter)
  counter = counter + 1
  table.insert(threads, thread)
end

-- args: the planned votes' file, the number of wrk threads, the URL path to POST to.
function init(args)
  local id, step = tonumber(wrk.thread:get("id")), tonumber(args[2])
  lines, index, statuses, target = {}, 0, {}, args[3]
  local n = 0
  for line in io.lines(args[1]) do
    if n % step == id then
      table.insert(lines, line)
    end
    n = n + 1
  end
end

function request()
  index = index + 1
  local line = lines[index]
  if line == nil then
    line = lines[#lines]  -- never sent: the thread stops on the response before
  end
  local tab = line:find("\t", 1, true)
  return wrk.format("POST", target, {
    ["Authorization"] = "Bearer " .. line:sub(1, tab - 1),
    ["Content-Type"] = "application/json",
  }, line:sub(tab + 1))
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
    local s = thread:get("statuses")
    for code, count in pairs(s) do
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
