-- Drives the bundled language server from neovim's built-in LSP client (0.7.2 headless), as a
-- second real client next to VS Code. Run by test/nvim/run-nvim.mjs:
--   nvim --headless --clean -c 'luafile test/nvim/check.lua' FILE.segment
-- Environment:
--   SEGMENT_NVIM_SERVER      path of out/language/main.cjs (required)
--   SEGMENT_NVIM_OUT         JSON file for the result (required)
--   SEGMENT_NVIM_EXPECT      'errors' (default): exit 1 unless diagnostics arrive;
--                            'clean': exit 1 unless an empty diagnostics list arrives
--   SEGMENT_NVIM_TIMEOUT_MS  how long to wait for the server (default 20000)
-- Exit codes: 0 as expected, 1 not as expected, 2 timeout, 3 the client did not start.

local server = os.getenv('SEGMENT_NVIM_SERVER')
local out_file = os.getenv('SEGMENT_NVIM_OUT')
local expect = os.getenv('SEGMENT_NVIM_EXPECT') or 'errors'
local timeout_ms = tonumber(os.getenv('SEGMENT_NVIM_TIMEOUT_MS') or '20000')
local started = vim.loop.hrtime()

local function elapsed_ms()
  return math.floor((vim.loop.hrtime() - started) / 1e6)
end

local function finish(code, result)
  result.exit_code = code
  result.elapsed_ms = elapsed_ms()
  local json = vim.fn.json_encode(result)
  if out_file then
    local handle = io.open(out_file, 'w')
    if handle then
      handle:write(json, '\n')
      handle:close()
    end
  end
  io.stdout:write(json, '\n')
  for _, client in pairs(vim.lsp.get_active_clients()) do
    client.stop()
  end
  vim.wait(500, function() return #vim.lsp.get_active_clients() == 0 end, 20)
  vim.cmd(code == 0 and 'qall!' or ('cquit ' .. code))
end

if not server or not out_file then
  io.stdout:write('check.lua: SEGMENT_NVIM_SERVER and SEGMENT_NVIM_OUT must be set\n')
  vim.cmd('cquit 3')
end

local bufnr = vim.api.nvim_get_current_buf()
local uri = vim.uri_from_bufnr(bufnr)
-- Without a filetype the client would send an empty languageId in didOpen.
vim.bo[bufnr].filetype = 'segment'

-- The raw notification, to tell "no diagnostics yet" from "the server says the file is clean".
local published = nil
local server_errors = {}
local default_publish = vim.lsp.handlers['textDocument/publishDiagnostics']

local client_id = vim.lsp.start_client({
  name = 'segment',
  cmd = { 'node', server, '--stdio' },
  root_dir = vim.fn.getcwd(),
  handlers = {
    ['textDocument/publishDiagnostics'] = function(err, result, ctx, config)
      if result and result.uri == uri then
        published = result
      end
      return default_publish(err, result, ctx, config)
    end,
    ['window/logMessage'] = function(_, result)
      if result and result.type == 1 then
        table.insert(server_errors, result.message)
      end
    end,
  },
  on_exit = function(code, signal)
    if code ~= 0 then
      table.insert(server_errors, string.format('server exited with code %s signal %s', code, signal))
    end
  end,
})

if not client_id then
  finish(3, { file = uri, error = 'vim.lsp.start_client returned nil' })
end
vim.lsp.buf_attach_client(bufnr, client_id)

local arrived = vim.wait(timeout_ms, function() return published ~= nil end, 20)
local client = vim.lsp.get_client_by_id(client_id)
local result = {
  file = uri,
  expect = expect,
  capabilities = client and client.server_capabilities and vim.tbl_keys(client.server_capabilities) or {},
  diagnostics = published and published.diagnostics or vim.NIL,
  -- What neovim itself made of them: the count vim.diagnostic holds for the buffer.
  neovim_diagnostic_count = #vim.diagnostic.get(bufnr),
  server_errors = server_errors,
}
if not arrived then
  result.error = string.format('no textDocument/publishDiagnostics for %s within %d ms', uri, timeout_ms)
  finish(2, result)
elseif expect == 'clean' then
  finish(#published.diagnostics == 0 and 0 or 1, result)
else
  finish(#published.diagnostics > 0 and 0 or 1, result)
end
