import pytest

from kurir import Kurir, new_data_dir, remove_data_dir


@pytest.fixture
def kurir():
    """An initialised data dir (domain example.test, user alice) not yet serving."""
    k = Kurir(new_data_dir())
    k.init()
    yield k
    k.kill()
    remove_data_dir(k.data)


@pytest.fixture
def empty_data():
    """A data dir path that does not exist yet."""
    k = Kurir(new_data_dir())
    yield k
    k.kill()
    remove_data_dir(k.data)


@pytest.fixture
def server(kurir):
    """A running `kurir serve` on free loopback ports; stopped (and checked) after the test."""
    kurir.use_free_loopback_ports()
    kurir.start()
    yield kurir
    assert kurir.stop() == 0, kurir.output()
