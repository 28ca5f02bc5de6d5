-- Reads employees atomically. KEYS[1]: the table's key prefix. ARGV[1]: '#' to count; '' to read the ids
-- ARGV[2..]; otherwise the index to range over ('ids', 'n', or another index of write.lua; '?' for the smallest
-- of the search words' indexes), ARGV[2] the lexical start ('-' or '(' and the last member read) and ARGV[3] how
-- many. A search adds ARGV[4] and ARGV[5], the location and job title the employees must have ('' for any), and
-- ARGV[6..], its folded words, each of which must be one of the stored prefixes of the name's words: the range
-- goes on past the employees that fail these until it has found enough or the index ends.
-- Returns {id, version, created_at, document, full name} for each employee found, in order.
local p = KEYS[1]
if redis.call('GET', p .. 'schema') ~= '2' then return redis.error_reply('NOTABLE') end
if ARGV[1] == '#' then return redis.call('ZCARD', p .. 'ids') end
local function wanted(id)   -- a search's filters: ARGV[4] location, ARGV[5] job title ('' for any), ARGV[6..] words
  local e = #ARGV > 3 and redis.call('HMGET', p .. 'e:' .. id, 'l', 'j', 'x') or {}
  local ok = #ARGV < 4 or ((ARGV[4] == '' or e[1] == ARGV[4]) and (ARGV[5] == '' or e[2] == ARGV[5]))
  for i = 6, #ARGV do ok = ok and string.find(' ' .. e[3] .. ' ', ' ' .. ARGV[i] .. ' ', 1, true) end
  return ok
end
local index = ARGV[1] == '?' and 'w:' .. ARGV[6] or ARGV[1]
for i = 7, ARGV[1] == '?' and #ARGV or 0 do   -- a search ranges over the smallest of its words' indexes
  if redis.call('ZCARD', p .. 'w:' .. ARGV[i]) < redis.call('ZCARD', p .. index) then index = 'w:' .. ARGV[i] end
end
local out = {}
local function add(id)
  local r = redis.call('HMGET', p .. 'e:' .. id, 'v', 'c', 'd', 'n')
  if r[1] then out[#out + 1] = {id, r[1], r[2], r[3], r[4]} end
end
if index == '' then
  for i = 2, #ARGV do add(ARGV[i]) end
else
  local start, want = ARGV[2], tonumber(ARGV[3])
  repeat
    local batch = redis.call('ZRANGEBYLEX', p .. index, start, '+', 'LIMIT', 0, want)
    for _, m in ipairs(batch) do
      local id = string.match(m, '([^%z]*)$')   -- a member ends with the id, after the last \0 if any
      if #out < want and wanted(id) then add(id) end
      start = '(' .. m
    end
  until #out >= want or #batch < want
end
return out
