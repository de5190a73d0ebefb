#!/usr/bin/env bash
echo "caps-table: todo" >&2
