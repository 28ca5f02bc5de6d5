-- Applies write operations atomically (Redis runs a script alone): every condition is checked before anything
-- is written, so a transaction is all or nothing and its first failing operation is reported.
-- KEYS[1]: the table's key prefix. ARGV: 8 values per operation: kind (C create, U update, P put, D delete,
-- V versioned delete, I import, K a patch that changes nothing, F a patch that fails), id, the expected version (U,
-- V), the version to store (I) or the version read when the patch was decided (K, F: empty for none), the document
-- (the codec's JSON), full name, location, job title (empty when absent), and created_at for a new employee (or, for
-- I, the one to store). Replies {'ok', result of each operation}, {'retry'} when a K or F operation's version is no
-- longer the one read (the patches are decided again), or {'exists'|'absent'|'conflict'|'maxversion'|'patch', index
-- of the first failing operation, its stored version, its expected version} ('patch': the F's own failure). MAX_VERSION is replaced by the
-- value of Limits.MAX_VERSION when the script is loaded.
-- Keys: <prefix>schema (the table exists), <prefix>e:<id> (hash: v version, c created_at, d document, n l j the
-- indexed fields), <prefix>ids (every id), <prefix>l:<location>, j:<job title>, b:<location>\0<job title>
-- (full name \0 id, ordered by their UTF-8 bytes, which is code point order).
local p = KEYS[1]
if redis.call('EXISTS', p .. 'schema') == 0 then return redis.error_reply('NOTABLE') end
local n = #ARGV / 8
for i = 0, n - 1 do
  local kind, id, expected = ARGV[i * 8 + 1], ARGV[i * 8 + 2], ARGV[i * 8 + 3]
  local v = redis.call('HGET', p .. 'e:' .. id, 'v')
  if kind == 'C' and v then return {'exists', i} end
  if (kind == 'U' or kind == 'V') and v ~= expected then return {v and 'conflict' or 'absent', i, v, expected} end
  -- a version never grows past Limits.MAX_VERSION (2^53-1, exact in Lua's numbers): the write is rejected
  if (kind == 'U' or kind == 'P') and v and tonumber(v) >= MAX_VERSION then return {'maxversion', i} end
  if (kind == 'K' or kind == 'F') and (v or '') ~= expected then return {'retry'} elseif kind == 'F' then return {'patch', i} end
end
local function index(add, id, name, location, job)
  local keys = {}
  if location ~= '' then keys[#keys + 1] = 'l:' .. location end
  if job ~= '' then keys[#keys + 1] = 'j:' .. job end
  if location ~= '' and job ~= '' then keys[#keys + 1] = 'b:' .. location .. '\0' .. job end
  for _, k in ipairs(keys) do if add then redis.call('ZADD', p .. k, 0, name .. '\0' .. id) else redis.call('ZREM', p .. k, name .. '\0' .. id) end end
end
local out = {'ok'}
for i = 0, n - 1 do
  local kind, id, version, doc, name, location, job, at = unpack(ARGV, i * 8 + 1, i * 8 + 8)
  local key = p .. 'e:' .. id
  local old = redis.call('HMGET', key, 'v', 'c', 'n', 'l', 'j')
  if old[1] and kind ~= 'K' then index(false, id, old[3], old[4], old[5]) end
  if kind == 'K' then out[#out + 1] = '0'
  elseif kind == 'D' or kind == 'V' then
    redis.call('DEL', key)
    redis.call('ZREM', p .. 'ids', id)
    out[#out + 1] = old[1] and '1' or '0'
  else
    local created = (old[1] and kind ~= 'I') and old[2] or at
    redis.call('HSET', key, 'c', created, 'd', doc, 'n', name, 'l', location, 'j', job)
    if kind == 'I' then redis.call('HSET', key, 'v', version)
    elseif old[1] then redis.call('HINCRBY', key, 'v', 1)
    else redis.call('HSET', key, 'v', '1') end
    redis.call('ZADD', p .. 'ids', 0, id)
    index(true, id, name, location, job)
    out[#out + 1] = redis.call('HGET', key, 'v') .. ' ' .. created
  end
end
return out
