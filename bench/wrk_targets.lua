-- wrk script: cycles through the request targets in the file named by WRK_TARGETS.
local targets = {}
for line in io.lines(os.getenv("WRK_TARGETS")) do
  targets[#targets + 1] = line
end
local next_index = 0
request = function()
  next_index = next_index % #targets + 1
  return wrk.format("GET", targets[next_index])
end
