-- escape: a write operation on the service without --allow-submit
-- args: --sandbox
-- exit: 10
-- stderr: hdc.create_product (a write operation on the service) is not allowed
-- stderr: --allow-submit
hdc.create_product{productName = "Unwanted", requestedSignatures = {"WINDOWS_v100_X64_RS5_FULL"}}
