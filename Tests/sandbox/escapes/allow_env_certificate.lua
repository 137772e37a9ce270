-- escape: grant the certificate's passphrase on the command line
-- args: --sandbox --allow-env HDC_CERTIFICATE_PASSWORD
-- env: HDC_CERTIFICATE_PASSWORD=escape-corpus-passphrase
-- exit: 2
-- stderr: HDC_CERTIFICATE_PASSWORD holds a secret; secrets are never given to scripts
-- never: escape-corpus-passphrase
print(os.getenv("HDC_CERTIFICATE_PASSWORD"))
