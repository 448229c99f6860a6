#!/usr/bin/env bash
# Placeholder: filled in by the issue that needs it.
exit 0
