-- escape: plant a fake module in package.loaded and check it stays inside the sandbox
-- args: --sandbox
-- exit: 10
-- stdout: planted ok
-- stderr: sandbox: os.execute
package.loaded.evil = {run = os.execute}
print("planted " .. (require("evil") and "ok"))
require("evil").run("echo escaped")
