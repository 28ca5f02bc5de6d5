-- Applies write operations atomically (Redis runs a script alone): every condition is checked before anything
-- is written, so a transaction is all or nothing and its first failing operation is reported.
-- KEYS[1]: the table's key prefix. ARGV: 10 values per operation: kind (C create, U update, P put, D delete,
-- V versioned delete, I import, K a patch that changes nothing, F a patch that fails), id, the expected version (U,
-- V), the version to store (I) or the version read when the patch was decided (K, F: empty for none), the document
-- (the codec's JSON), full name, location, job title (empty when absent), created_at for a new employee (or, for I,
-- the one to store), the name's sort key and the prefixes of its folded words, separated by spaces (NameFolding).
-- Replies {'ok', result of each operation}, {'retry'} when a K or F operation's version is no longer the one read
-- (the patches are decided again), or {'exists'|'absent'|'conflict'|'maxversion'|'patch', index of the first
-- failing operation, its stored version, its expected version} ('patch': the F's own failure). MAX_VERSION is replaced by the
-- value of Limits.MAX_VERSION when the script is loaded.
-- Keys: <prefix>schema (the table exists, with this layout: '2'), <prefix>e:<id> (hash: v version, c created_at,
-- d document, n l j k x the indexed fields), <prefix>ids (every id), <prefix>l:<location>, j:<job title>,
-- b:<location>\0<job title> (full name \0 id), n (everyone) and w:<prefix of a folded word> (sort key \0 full name
-- \0 id), all ordered by their UTF-8 bytes, which is code point order.
local p = KEYS[1]
if redis.call('GET', p .. 'schema') ~= '2' then return redis.error_reply('NOTABLE') end
for i = 0, #ARGV / 10 - 1 do
  local kind, id, expected = ARGV[i * 10 + 1], ARGV[i * 10 + 2], ARGV[i * 10 + 3]
  local v = redis.call('HGET', p .. 'e:' .. id, 'v')
  if kind == 'C' and v then return {'exists', i} end
  if (kind == 'U' or kind == 'V') and v ~= expected then return {v and 'conflict' or 'absent', i, v, expected} end
  -- a version never grows past Limits.MAX_VERSION (2^53-1, exact in Lua's numbers): the write is rejected
  if (kind == 'U' or kind == 'P') and v and tonumber(v) >= MAX_VERSION then return {'maxversion', i} end
  if (kind == 'K' or kind == 'F') and (v or '') ~= expected then return {'retry'} elseif kind == 'F' then return {'patch', i} end
end
local function index(add, id, name, location, job, key, prefixes)
  local sets = {n = key .. '\0' .. name .. '\0' .. id}
  for w in string.gmatch(prefixes, '%S+') do sets['w:' .. w] = sets.n end
  if location ~= '' then sets['l:' .. location] = name .. '\0' .. id end
  if job ~= '' then sets['j:' .. job] = name .. '\0' .. id end
  if location ~= '' and job ~= '' then sets['b:' .. location .. '\0' .. job] = name .. '\0' .. id end
  for k, m in pairs(sets) do if add then redis.call('ZADD', p .. k, 0, m) else redis.call('ZREM', p .. k, m) end end
end
local out = {'ok'}
for i = 0, #ARGV / 10 - 1 do
  local kind, id, version, doc, name, location, job, at, sortkey, prefixes = unpack(ARGV, i * 10 + 1, i * 10 + 10)
  local key = p .. 'e:' .. id
  local old = redis.call('HMGET', key, 'v', 'c', 'n', 'l', 'j', 'k', 'x')
  if old[1] and kind ~= 'K' then index(false, id, old[3], old[4], old[5], old[6], old[7]) end
  if kind == 'K' then out[#out + 1] = '0'
  elseif kind == 'D' or kind == 'V' then
    redis.call('DEL', key)
    redis.call('ZREM', p .. 'ids', id)
    out[#out + 1] = old[1] and '1' or '0'
  else
    local created = (old[1] and kind ~= 'I') and old[2] or at
    redis.call('HSET', key, 'c', created, 'd', doc, 'n', name, 'l', location, 'j', job, 'k', sortkey, 'x', prefixes)
    if kind ~= 'I' and old[1] then redis.call('HINCRBY', key, 'v', 1)   -- exact, where Lua's numbers are not
    else redis.call('HSET', key, 'v', kind == 'I' and version or '1') end
    redis.call('ZADD', p .. 'ids', 0, id)
    index(true, id, name, location, job, sortkey, prefixes)
    out[#out + 1] = redis.call('HGET', key, 'v') .. ' ' .. created
  end
end
return out
