-- escape: replace hdc's functions (for the host, or for later modules)
-- args: --sandbox
-- exit: 10
-- stderr: changing the read-only table 'hdc' (field 'products')
hdc.products = function() return "patched" end
