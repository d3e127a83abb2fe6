"""How an address answers TCP from the controller: a connection and a reset are answers (the silence proof)."""

import socket

from ansible_collections.remedy.failover.plugins.module_utils.silence import tcp_answer


def test_tcp_answers_tell_a_reset_from_silence():
    with socket.socket() as server:
        server.bind(('127.0.0.1', 0))
        server.listen(1)
        port = server.getsockname()[1]
        assert tcp_answer('127.0.0.1', port, 1) == 'accepts connections'
    # the port is closed now: the station resets the connection, and that is an answer
    assert tcp_answer('127.0.0.1', port, 1).startswith('resets connections')
    # (a silent address, where nothing answers within the timeout, is shown on the lab: tests/lab)
