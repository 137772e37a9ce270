#ifndef HWSUBMIT_CEDITLINE_SHIM_H
#define HWSUBMIT_CEDITLINE_SHIM_H

#include <stdio.h>
#include <histedit.h>

#endif
