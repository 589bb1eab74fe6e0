-- Headless Neovim as a second, independent LSP client of the bundled server: proof that the
-- server works outside VS Code. Run by scripts/e2e/nvim.mjs:
--   LSP_CMD_JSON='["node","/abs/dist/server.js","--stdio"]' CHECKS_JSON='{...}' \
--     nvim --headless -u NONE -i NONE -n -c 'luafile test/nvim/check.lua' ARTICLE.txt
-- CHECKS_JSON: { "person": {"line":L,"character":C,"expect":["Person","Chuck Hagel"]},
--                "date": {...}, "groups": ["People", ...] } (0-based, UTF-16 like LSP).
-- Prints one `CHECK ok|fail <name> <detail>` line per check, then `DONE`, and exits 0 only
-- if all passed. Neovim 0.7 (Debian bookworm) has no vim.lsp.start, so this uses
-- vim.lsp.start_client + buf_attach_client, which later versions keep.

local failures = 0
local function report(ok, name, detail)
  if not ok then failures = failures + 1 end
  io.stdout:write(string.format('CHECK %s %s %s\n', ok and 'ok' or 'fail', name, detail or ''))
end
local function finish()
  io.stdout:write('DONE\n')
  vim.cmd(failures == 0 and 'qall!' or 'cquit 1')
end

local cmd = vim.fn.json_decode(os.getenv('LSP_CMD_JSON') or '[]')
local checks = vim.fn.json_decode(os.getenv('CHECKS_JSON') or '{}')
local timeout = tonumber(os.getenv('LSP_TIMEOUT_MS') or '20000')
local bufnr = vim.api.nvim_get_current_buf()
-- didOpen carries the filetype as languageId: say what VS Code would say
vim.api.nvim_buf_set_option(bufnr, 'filetype', 'article')

local ready, exit_code = false, nil
local client_id = vim.lsp.start_client({
  name = 'article-lens',
  cmd = cmd,
  root_dir = vim.fn.getcwd(),
  on_init = function() ready = true end,
  on_exit = function(code) exit_code = code end,
})
if not client_id then report(false, 'initialize', 'start_client returned nil'); return finish() end
vim.lsp.buf_attach_client(bufnr, client_id)
local inited = vim.wait(timeout, function() return ready or exit_code ~= nil end, 20)
report(ready, 'initialize', ready and '' or (exit_code and ('server exited with code ' .. exit_code) or ('no answer in ' .. timeout .. ' ms')))
if not (inited and ready) then return finish() end

local uri = vim.uri_from_bufnr(bufnr)
local function request(method, params)
  local res, err = vim.lsp.buf_request_sync(bufnr, method, params, timeout)
  if not res then return nil, tostring(err) end
  local r = res[client_id]
  if not r then return nil, 'no answer' end
  if r.err then return nil, vim.inspect(r.err) end
  return r.result
end

local function hover_check(name, spec)
  local result, err = request('textDocument/hover', { textDocument = { uri = uri }, position = { line = spec.line, character = spec.character } })
  if not result then return report(false, name, 'no hover: ' .. tostring(err)) end
  local text = type(result.contents) == 'table' and (result.contents.value or vim.fn.json_encode(result.contents)) or tostring(result.contents)
  for _, want in ipairs(spec.expect) do
    if not string.find(text, want, 1, true) then return report(false, name, 'hover lacks "' .. want .. '": ' .. text) end
  end
  report(true, name, (text:gsub('%s+', ' '):sub(1, 100)))
end
hover_check('hover-person', checks.person)
hover_check('hover-date', checks.date)

local symbols, serr = request('textDocument/documentSymbol', { textDocument = { uri = uri } })
if not symbols then
  report(false, 'document-symbols', 'none: ' .. tostring(serr))
else
  local names, missing = {}, {}
  for _, s in ipairs(symbols) do names[s.name] = #(s.children or {}) end
  for _, g in ipairs(checks.groups) do
    if not names[g] or names[g] == 0 then table.insert(missing, g) end
  end
  local seen = {}
  for _, s in ipairs(symbols) do table.insert(seen, s.name .. '(' .. #(s.children or {}) .. ')') end
  report(#missing == 0, 'document-symbols', (#missing > 0 and ('missing or empty: ' .. table.concat(missing, ',') .. '; got ') or '') .. table.concat(seen, ', '))
end

vim.lsp.stop_client(client_id)
vim.wait(2000, function() return vim.lsp.get_client_by_id(client_id) == nil end, 20)
finish()
