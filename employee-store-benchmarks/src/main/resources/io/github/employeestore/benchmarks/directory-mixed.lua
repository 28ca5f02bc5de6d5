-- The Employee Directory's mixed load for wrk: per request, 45 % get by id, 15 % find by location, 10 % list,
-- 10 % create, 20 % If-Match updates of shared counters (a GET for the ETag, then a PUT with If-Match; 412 when
-- another connection won, which is counted, not retried). The runner writes ids.lua (ids, locations, counters) next
-- to this file and passes its path as the first script argument. The state of a read-then-update lives in the
-- thread's Lua state, so the runner gives every wrk thread exactly one connection (-t16 -c16): then each response
-- is the answer to that thread's last request.

counters_ok = 0
counters_conflict = 0
errors_5xx = 0
other_non2xx = 0
local pending = nil      -- the counter read, waiting for its PUT: {id=..., etag=..., n=...}
local last_kind = nil

function init(args)
   dofile(args[1])
   math.randomseed(os.time() + (tonumber(tostring({}):match("0x(%x+)"), 16) or 0) % 100000)
end

local function counter_body(id, n)
   return '{"fullName":"Counter ' .. id .. '","attributes":{"n":' .. n .. '}}'
end

function request()
   if pending ~= nil then
      local p = pending
      pending = nil
      last_kind = "put"
      return wrk.format("PUT", "/api/employees/" .. p.id,
         { ["Content-Type"] = "application/json", ["If-Match"] = p.etag }, counter_body(p.id, p.n + 1))
   end
   local r = math.random(100)
   if r <= 45 then
      last_kind = "get"
      return wrk.format("GET", "/api/employees/" .. IDS[math.random(#IDS)])
   elseif r <= 60 then
      last_kind = "find"
      return wrk.format("GET", "/api/employees?limit=25&location=" .. LOCATIONS[math.random(#LOCATIONS)])
   elseif r <= 70 then
      last_kind = "list"
      return wrk.format("GET", "/api/employees?limit=25")
   elseif r <= 80 then
      last_kind = "create"
      return wrk.format("POST", "/api/employees", { ["Content-Type"] = "application/json" },
         '{"fullName":"Load ' .. math.random(1000000000) .. '","location":"' .. LOCATIONS[math.random(#LOCATIONS)]
         .. '","jobTitle":"Engineer"}')
   else
      last_kind = "read-counter"
      return wrk.format("GET", "/api/employees/" .. COUNTERS[math.random(#COUNTERS)])
   end
end

function response(status, headers, body)
   if status >= 500 then
      errors_5xx = errors_5xx + 1
   elseif status >= 300 and status ~= 412 then
      other_non2xx = other_non2xx + 1
   end
   if last_kind == "read-counter" and status == 200 then
      local n = tonumber(body:match('"n":(%d+)'))
      local id = body:match('"id":"([^"]+)"')
      local etag = headers["ETag"] or headers["Etag"] or headers["etag"]
      if n ~= nil and id ~= nil and etag ~= nil then
         pending = { id = id, etag = etag, n = n }
      end
   elseif last_kind == "put" then
      if status == 200 then
         counters_ok = counters_ok + 1
      elseif status == 412 then
         counters_conflict = counters_conflict + 1
      end
   end
end

local threads = {}

function setup(thread)
   table.insert(threads, thread)
end

function done(summary, latency, requests)
   local ok, conflict, e5, other = 0, 0, 0, 0
   for _, t in ipairs(threads) do
      ok = ok + t:get("counters_ok")
      conflict = conflict + t:get("counters_conflict")
      e5 = e5 + t:get("errors_5xx")
      other = other + t:get("other_non2xx")
   end
   io.write(string.format("COUNTERS ok=%d conflict=%d errors5xx=%d other_non2xx=%d\n", ok, conflict, e5, other))
   io.write(string.format("LATENCY p50=%.3f p90=%.3f p99=%.3f max=%.3f\n", latency:percentile(50) / 1000,
      latency:percentile(90) / 1000, latency:percentile(99) / 1000, latency.max / 1000))
   io.write(string.format("REQUESTS total=%d seconds=%.1f rps=%.1f non2xx=%d\n", summary.requests,
      summary.duration / 1e6, summary.requests / (summary.duration / 1e6), summary.errors.status))
end
