-- escape: point package.path at /etc and require passwd
-- args: --sandbox
-- exit: 10
-- stderr: changing the read-only table 'package' (field 'path')
-- never: root:x:0
package.path = "/etc/?"
print(require "passwd")
