-- escape: run a command through hdc.connect{federated_token_command = ...}
-- args: --sandbox
-- exit: 10
-- stderr: hdc.connect with 'federated_token_command'
hdc.connect{federated_token_command = "touch /tmp/hwsubmit-sandbox-escaped"}
