# -*- coding: utf-8 -*-
# Copyright: (c) 2026, remedy.failover contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Action plugin behind remedy.failover.port: does a TCP port answer, seen from the controller.

It never uses the connection to the host, so it tells a silent address from
one that answers even when the box cannot be reached, and it only reads, so
it runs the same in check mode (unlike wait_for, which check mode skips).
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import time

from ansible_collections.remedy.failover.plugins.module_utils.station import tcp_answer
from ansible_collections.remedy.failover.plugins.plugin_utils.remote import ControllerActionBase

ARGUMENT_SPEC = {
    'host': {'type': 'str', 'required': True},
    'port': {'type': 'int', 'default': 22},
    'state': {'type': 'str', 'default': 'any', 'choices': ['any', 'open', 'closed', 'silent']},
    'timeout': {'type': 'float', 'default': 5},
    'connect_timeout': {'type': 'float', 'default': 2},
}


class ActionModule(ControllerActionBase):
    ARGUMENT_SPEC = ARGUMENT_SPEC
    _VALID_ARGS = frozenset(ARGUMENT_SPEC)

    def act(self, result, args):
        start = time.monotonic()
        deadline = start + args['timeout']
        state = args['state']
        timeout = min(args['connect_timeout'], args['timeout'])
        while True:
            heard = tcp_answer(args['host'], args['port'], timeout)
            now_open = heard == 'accepts connections'
            if state == 'silent':
                done = not heard
            else:
                heard = now_open
                done = state == 'any' or now_open == (state == 'open')
            if done or time.monotonic() >= deadline:
                break
            time.sleep(0.2)
        result.update(changed=False, open=now_open, silent=not heard, host=args['host'], port=args['port'],
                      elapsed=round(time.monotonic() - start, 2))
        if not done:
            result.update(failed=True, msg='%s:%s is still %s after %ss' % (
                args['host'], args['port'], heard if state == 'silent' else 'open' if now_open else 'closed',
                args['timeout']))
        return result
