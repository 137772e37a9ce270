-- escape: name a certificate file to sign in with hdc.connect{certificate_path = ...}
-- args: --sandbox --allow-submit
-- exit: 10
-- stderr: hdc.connect with 'certificate_path'
hdc.connect{profile = "nope", certificate_path = "/etc/ssl/private/key.pem"}
