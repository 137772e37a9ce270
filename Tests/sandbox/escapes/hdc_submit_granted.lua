-- control: with --allow-submit, a whole submission goes through inside the sandbox
-- args: --quiet --emulator --sandbox --allow-submit
-- exit: 0
-- stdout: created product
-- stdout: committed
local product = hdc.create_product{productName = "Sandboxed", requestedSignatures = {"WINDOWS_v100_X64_RS5_FULL"}}
print("created product " .. tostring(product.id))
local submission = hdc.create_submission(product, {name = "sandboxed"})
hdc.commit(submission)
print("committed")
