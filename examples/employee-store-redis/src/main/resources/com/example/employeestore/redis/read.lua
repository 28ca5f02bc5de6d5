-- Reads employees atomically. KEYS[1]: the table's key prefix. ARGV[1]: '#' to count; '' to read the ids
-- ARGV[2..]; otherwise the index to range over ('ids', or an index of write.lua), ARGV[2] the lexical start
-- ('-' or '(' and the last member read) and ARGV[3] how many. Returns {id, version, created_at, document, full name}
-- for each employee found, in order.
local p = KEYS[1]
if redis.call('EXISTS', p .. 'schema') == 0 then return redis.error_reply('NOTABLE') end
if ARGV[1] == '#' then return redis.call('ZCARD', p .. 'ids') end
local ids = {}
if ARGV[1] == '' then
  ids = {unpack(ARGV, 2)}
else
  for _, m in ipairs(redis.call('ZRANGEBYLEX', p .. ARGV[1], ARGV[2], '+', 'LIMIT', 0, tonumber(ARGV[3]))) do
    ids[#ids + 1] = string.match(m, '%z(.*)$') or m
  end
end
local out = {}
for _, id in ipairs(ids) do
  local r = redis.call('HMGET', p .. 'e:' .. id, 'v', 'c', 'd', 'n')
  if r[1] then out[#out + 1] = {id, r[1], r[2], r[3], r[4]} end
end
return out
