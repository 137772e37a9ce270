-- escape: grant the client secret on the command line
-- args: --sandbox --allow-env HDC_CLIENT_SECRET
-- env: HDC_CLIENT_SECRET=sk-escape-corpus-0123456789
-- exit: 2
-- stderr: HDC_CLIENT_SECRET holds a secret; secrets are never given to scripts
-- never: sk-escape-corpus-0123456789
print(os.getenv("HDC_CLIENT_SECRET"))
