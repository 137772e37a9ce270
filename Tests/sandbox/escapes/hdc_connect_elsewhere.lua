-- escape: send the account's token to another host with hdc.connect{base_url = ...}
-- args: --sandbox --allow-submit
-- exit: 10
-- stderr: hdc.connect with 'base_url'
hdc.connect{base_url = "http://127.0.0.1:9/"}
